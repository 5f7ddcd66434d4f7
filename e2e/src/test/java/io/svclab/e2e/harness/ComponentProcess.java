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
  private final List<String> commandPrefix;
  private final java.util.function.BooleanSupplier healthProbe;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
  private Process process;

  public ComponentProcess(String name, String mainClass, List<String> args, Path logDir, String healthUrl) {
    this(name, mainClass, args, logDir, healthUrl, List.of(), null);
  }

  /**
   * A component started as {@code commandPrefix + java ...} (e.g. {@code ip netns exec NS}) whose
   * health this JVM cannot reach directly: {@code healthProbe} decides instead of the URL.
   */
  public ComponentProcess(String name, String mainClass, List<String> args, Path logDir, List<String> commandPrefix,
      java.util.function.BooleanSupplier healthProbe) {
    this(name, mainClass, args, logDir, null, commandPrefix, healthProbe);
  }

  private ComponentProcess(String name, String mainClass, List<String> args, Path logDir, String healthUrl,
      List<String> commandPrefix, java.util.function.BooleanSupplier healthProbe) {
    this.name = name;
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
    this.logFile = logDir.resolve(name + ".log");
    this.healthUrl = healthUrl;
    this.commandPrefix = List.copyOf(commandPrefix);
    this.healthProbe = healthProbe;
  }

  public ComponentProcess start() throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(commandPrefix);
    command.addAll(Lab.javaCommand(name, mainClass, args));
    process = new ProcessBuilder(command).redirectErrorStream(true)
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
    if (healthProbe != null) return healthProbe.getAsBoolean();
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
