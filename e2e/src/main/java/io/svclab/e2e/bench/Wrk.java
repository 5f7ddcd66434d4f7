package io.svclab.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code wrk} HTTP load generator: one run against a URL, and the figures parsed from its report. */
final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  /** One wrk report: throughput, requests done, and everything that went wrong. */
  record Result(double requestsPerSecond, long requests, long socketErrors, long badResponses) {
    long errors() {
      return socketErrors + badResponses;
    }
  }

  /** The load shape of every comparison: 2 threads, 64 connections. */
  record Load(int threads, int connections, Duration duration, boolean connectionClose) {
    List<String> args(String url) {
      List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
          "-d" + duration.toSeconds() + "s", "--timeout", "5s"));
      if (connectionClose) cmd.addAll(List.of("-H", "Connection: close"));
      cmd.add(url);
      return cmd;
    }
  }

  private Wrk() {}

  static Result run(Load load, String url) throws IOException, InterruptedException {
    BenchProcesses.ensureCommand("wrk", "wrk");
    Process p = new ProcessBuilder(load.args(url)).redirectErrorStream(true).start();
    // wrk stops itself after the duration; the margin covers its start and the last responses
    if (!p.waitFor(load.duration().toSeconds() + 30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("wrk against " + url + " did not finish");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) throw new IllegalStateException("wrk against " + url + " failed: " + out.trim());
    return parse(out);
  }

  /** Parses wrk's text report; throws when it holds no throughput line. */
  static Result parse(String report) {
    Matcher rps = RPS.matcher(report);
    if (!rps.find()) throw new IllegalArgumentException("no Requests/sec in wrk output: " + report.trim());
    Matcher req = REQUESTS.matcher(report);
    long requests = req.find() ? Long.parseLong(req.group(1)) : 0;
    long socketErrors = 0;
    Matcher se = SOCKET_ERRORS.matcher(report);
    if (se.find()) {
      for (int g = 1; g <= 4; g++) socketErrors += Long.parseLong(se.group(g));
    }
    Matcher bad = NON_2XX.matcher(report);
    return new Result(Double.parseDouble(rps.group(1)), requests, socketErrors, bad.find() ? Long.parseLong(bad.group(1)) : 0);
  }
}
