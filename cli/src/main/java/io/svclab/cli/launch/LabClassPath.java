package io.svclab.cli.launch;

import java.io.File;
import java.nio.file.Path;

/**
 * The classpath of each lab JVM: the launcher's own (the jars every component shares, which the
 * class-data archive was dumped with), and for the apiserver its own jars after them.
 *
 * <p>The build copies BouncyCastle, which only the apiserver uses (its serving certificates),
 * into {@value #APISERVER_LIB} instead of {@code cli/target/lib} (cli/pom.xml). Every jar on a
 * JVM's classpath is opened at start (Pekko reads every jar's manifest, Typesafe config every
 * {@code reference.conf}) and its central directory stays on the heap; BouncyCastle's jars are
 * signed, so the JDK also keeps their parsed manifests (10,000 per-entry sections, measured with
 * a class histogram: ~4 MiB of a controller's 19 MiB live heap) and verifies their signatures.
 * Being signed, their classes are never in the class-data archive either, so leaving them off
 * the other JVMs' classpath (and off the archive's) costs nothing; after the shared jars, they
 * keep the archive's classpath a prefix of the apiserver's, as the JVM requires to map it.
 * netty-tcnative (BoringSSL for the HTTPS port, a 1.4 MiB native library) goes there too.
 */
public final class LabClassPath {
  /** The apiserver's own jars, relative to the lab's home. */
  public static final String APISERVER_LIB = "cli/target/lib-apiserver";
  private static final String APISERVER_PACKAGE = "io.svclab.apiserver.";

  private LabClassPath() {}

  /** The classpath of a JVM running {@code mainClass}: {@code shared}, then the apiserver's jars for the apiserver. */
  public static String forMainClass(String mainClass, String shared, Path home) {
    return mainClass.startsWith(APISERVER_PACKAGE) ? withApiserverJars(shared, home) : shared;
  }

  /** {@code shared}, then the apiserver's jars (a classpath wildcard, expanded by the java launcher). */
  public static String withApiserverJars(String shared, Path home) {
    return shared + File.pathSeparator + home.resolve(APISERVER_LIB).toAbsolutePath().normalize() + File.separator + "*";
  }
}
