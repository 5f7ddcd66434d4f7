package io.svclab.node.toolbox;

/** {@code sleep N} (seconds, fractions allowed; {@code infinity}); interrupted when the session ends. */
final class Sleep implements Tool {
  @Override
  public int run(ToolCall c) throws InterruptedException {
    if (c.args().isEmpty()) {
      c.err().println("sleep: missing operand");
      return 1;
    }
    String a = c.args().get(0).replaceAll("s$", "");
    double seconds;
    try {
      seconds = a.equals("infinity") ? Double.MAX_VALUE : Double.parseDouble(a);
    } catch (NumberFormatException e) {
      c.err().println("sleep: invalid number '" + c.args().get(0) + "'");
      return 1;
    }
    Thread.sleep((long) Math.min(seconds * 1000, Long.MAX_VALUE / 2));
    return 0;
  }
}
