package io.svclab.e2e.node;

import io.svclab.e2e.harness.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real node-agent JVM. Its classpath is the lab's (the cli's) plus the node-agent module's
 * own build output, so it runs whether or not the cli bundles the agent yet.
 */
public final class NodeAgentProcess implements AutoCloseable {
  private final String apiTarget;
  private final String nodeName;
  private final String nodeIp;
  private final String podCidr;
  private final int adminPort;
  private final int kubeletPort;
  private final Path dataDir;
  private final Path logFile;
  private Process process;

  public NodeAgentProcess(String apiTarget, String nodeName, String nodeIp, String podCidr, Path dataDir) {
    this.apiTarget = apiTarget;
    this.nodeName = nodeName;
    this.nodeIp = nodeIp;
    this.podCidr = podCidr;
    this.adminPort = Lab.freePort();
    this.kubeletPort = Lab.freePort();
    this.dataDir = dataDir;
    this.logFile = dataDir.resolve(nodeName + "-test.log");
  }

  public NodeAgentProcess start() throws IOException {
    Files.createDirectories(dataDir);
    List<String> args = List.of("--api", apiTarget, "--node-name", nodeName, "--node-ip", nodeIp, "--pod-cidr", podCidr,
        "--admin-port", Integer.toString(adminPort), "--kubelet-port", Integer.toString(kubeletPort), "--data", dataDir.resolve(nodeName).toString());
    List<String> cmd = new ArrayList<>(Lab.javaCommand(nodeName, "io.svclab.node.NodeAgentMain", args));
    int cp = cmd.indexOf("-cp") + 1;
    Path module = Lab.root().resolve("node-agent/target");
    cmd.set(cp, cmd.get(cp) + ":" + module.resolve("classes") + ":" + module.resolve("lib") + "/*");
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    return this;
  }

  public String log() throws IOException {
    return Files.exists(logFile) ? Files.readString(logFile) : "";
  }

  public int adminPort() { return adminPort; }

  public int kubeletPort() { return kubeletPort; }

  public String nodeIp() { return nodeIp; }

  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  public boolean alive() { return process != null && process.isAlive(); }

  public long pid() { return process.pid(); }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }
}
