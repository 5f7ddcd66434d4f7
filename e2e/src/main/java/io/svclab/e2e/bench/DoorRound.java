package io.svclab.e2e.bench;

/**
 * One round of the rest benchmark on one front door: {@code creates} Services, each followed by
 * a get and a list of its client's Services, while every client holds a watch; latencies in ms,
 * CPU in seconds (the load generator's JVM, and the apiserver's process).
 */
record DoorRound(String door, int creates, double seconds, double createP50, double createP99, double getP99,
    double listP99, double allP50, double allP99, long delivered, long expected, double clientCpu, double serverCpu) {
  double createsPerSecond() {
    return creates / seconds;
  }
}
