package io.svclab.node.toolbox;

/** {@code seq [FIRST [STEP]] LAST} over integers. */
final class Seq implements Tool {
  @Override
  public int run(ToolCall c) {
    long first = 1, step = 1, last;
    try {
      var a = c.args();
      switch (a.size()) {
        case 1 -> last = Long.parseLong(a.get(0));
        case 2 -> { first = Long.parseLong(a.get(0)); last = Long.parseLong(a.get(1)); }
        case 3 -> { first = Long.parseLong(a.get(0)); step = Long.parseLong(a.get(1)); last = Long.parseLong(a.get(2)); }
        default -> {
          c.err().println("seq: missing operand");
          return 1;
        }
      }
    } catch (NumberFormatException e) {
      c.err().println("seq: invalid number");
      return 1;
    }
    if (step == 0) return 1;
    for (long k = first, n = 0; (step > 0 ? k <= last : k >= last) && n < 1_000_000; k += step, n++) c.out().println(k);
    return 0;
  }
}
