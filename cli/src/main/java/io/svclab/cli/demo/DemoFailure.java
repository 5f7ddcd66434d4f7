package io.svclab.cli.demo;

/** A demo's outcome differed from what the tutorial says a person will see. */
public final class DemoFailure extends RuntimeException {
  public DemoFailure(String message) {
    super(message);
  }
}
