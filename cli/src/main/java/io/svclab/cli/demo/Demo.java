package io.svclab.cli.demo;

/**
 * One seed tutorial made runnable: its manifests applied, its commands run with real traffic and
 * DNS, each step printed with a one-line explanation and checked. {@link DemoSteps} cleans up.
 */
public interface Demo {
  /** The name after {@code ./lab demo}. */
  String name();

  /** One line for {@code ./lab demo}'s list. */
  String description();

  /** Which tutorial (and part of it) this demo follows. */
  String source();

  void run(DemoSteps steps) throws Exception;
}
