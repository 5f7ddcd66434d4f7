package io.svclab.node.toolbox;

/** A program of a tool image (cat, grep, curl...): argv in, exit status out, as its real binary behaves. */
@FunctionalInterface
public interface Tool {
  int run(ToolCall call) throws InterruptedException;
}
