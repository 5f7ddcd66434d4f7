package io.svclab.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Any lab component (controller, agent, proxy...) as a real JVM with a health URL tests can wait on. */
public final class ComponentProcess implements AutoCloseable {
  private final String name;
  private final String mainClass;
  private final List<String> args;
  private final Path logFile;
  private final String healthUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
  private Process process;

  public ComponentProcess(String name, String mainClass, List<String> args, Path logDir, String healthUrl) {
    this.name = name;
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
    this.logFile = logDir.resolve(name + ".log");
    this.healthUrl = healthUrl;
  }

  public ComponentProcess start() throws IOException, InterruptedException {
    process = new ProcessBuilder(Lab.javaCommand(name, mainClass, args)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
      }
      if (healthy()) {
        return this;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(name + " not healthy within 20 s; see " + logFile);
  }

  public boolean healthy() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofMillis(500)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public Path logFile() { return logFile; }

  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
