package io.svclab.e2e.harness;

import io.svclab.cli.launch.LabClassPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the built lab is and how to start its pieces as real processes. */
public final class Lab {
  private Lab() {}

  public static Path root() {
    return Path.of(System.getProperty("svclab.root", "..")).toAbsolutePath().normalize();
  }

  /**
   * The runtime classpath of every svclab process: the cli jar and its copied dependencies, then the
   * apiserver's own jars (after them, so the class-data archive still maps: {@code LabClassPath}).
   */
  public static String classpath() {
    Path target = root().resolve("cli/target");
    try (Stream<Path> jars = Files.list(target)) {
      Path cli = jars.filter(p -> p.getFileName().toString().matches("svclab-cli-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("cli jar not built under " + target));
      return LabClassPath.withApiserverJars(cli + ":" + target.resolve("lib") + "/*", root());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A java command line for one of the lab's main classes, with the lab's small-JVM flags. */
  public static List<String> javaCommand(String component, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx512m", "-Dsvclab.component=" + component,
        "-Dsvclab.home=" + root()));
    cmd.addAll(classDataOptions());
    cmd.addAll(List.of("-cp", classpath(), mainClass));
    cmd.addAll(args);
    return cmd;
  }

  /** The lab's class-data archive (trained before the tests, see ./lab), when there is one: faster starts. */
  static List<String> classDataOptions() {
    Path archive = root().resolve("cli/target/cds/lab.jsa");
    return Files.isRegularFile(archive)
        ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
        : List.of();
  }
}
