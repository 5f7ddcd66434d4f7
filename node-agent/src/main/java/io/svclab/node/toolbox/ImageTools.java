package io.svclab.node.toolbox;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which programs an image has, as its real image does: busybox's applets in busybox and alpine,
 * plus curl in curlimages/curl, plus bash, curl and bind's tools in nicolaka/netshoot, Debian's
 * coreutils (and curl) in nginx. {@code sh} is busybox ash or Debian's dash, which word their
 * errors differently. {@code bindTools}: the image's network tools are netshoot's (bind's dig, host
 * and nslookup, OpenBSD's nc, iputils' ping, iproute2's ip) rather than busybox's applets. Keyed by the repository path without registry or tag ({@code library/} dropped).
 */
public record ImageTools(String image, Shell sh, boolean bash, boolean bindTools, Set<String> programs) {
  public enum Shell { ASH, DASH }

  private static final Set<String> COREUTILS = Set.of("cat", "head", "tail", "grep", "wc", "sort", "uniq", "env",
      "printenv", "hostname", "sleep", "seq", "cut", "tr", "date", "mkdir", "touch", "rm", "ls", "awk");
  private static final Set<String> BUSYBOX = union(COREUTILS, Set.of("nslookup", "wget", "nc", "ping", "ip"));

  private static final Map<String, ImageTools> TABLE = Stream.of(
      new ImageTools("busybox", Shell.ASH, false, false, BUSYBOX),
      new ImageTools("alpine", Shell.ASH, false, false, BUSYBOX),
      new ImageTools("curlimages/curl", Shell.ASH, false, false, union(BUSYBOX, Set.of("curl"))),
      new ImageTools("nicolaka/netshoot", Shell.ASH, true, true,
          union(BUSYBOX, Set.of("curl", "dig", "host", "bash"))),
      new ImageTools("nginx", Shell.DASH, true, false, union(COREUTILS, Set.of("curl", "bash"))),
      new ImageTools("httpd", Shell.DASH, true, false, union(COREUTILS, Set.of("bash"))))
      .collect(Collectors.toMap(ImageTools::image, t -> t));

  /** What any other image is given: a Debian-like base with coreutils and no network tools. */
  public static final ImageTools DEFAULT = new ImageTools("", Shell.DASH, false, false, COREUTILS);

  /** By repository path ({@code nicolaka/netshoot}, {@code busybox}); {@code library/x} is {@code x}. */
  public static ImageTools of(String repositoryPath) {
    String path = repositoryPath.startsWith("library/") ? repositoryPath.substring("library/".length()) : repositoryPath;
    return TABLE.getOrDefault(path, DEFAULT);
  }

  public boolean has(String program) {
    return programs.contains(program) || program.equals("sh") || program.equals("bash") && bash;
  }

  /** The tool implementing {@code program} in this image, or null when the shell runs it itself or the image lacks it. */
  public Tool tool(String program) {
    if (!programs.contains(program)) return null;
    return switch (program) {
      case "head" -> new HeadTail(true);
      case "tail" -> new HeadTail(false);
      case "grep" -> new Grep();
      case "wc" -> new Wc();
      case "sort" -> new Sort();
      case "uniq" -> new Uniq();
      case "cut" -> new Cut();
      case "tr" -> new Tr();
      case "awk" -> new Awk();
      case "seq" -> new Seq();
      case "sleep" -> new Sleep();
      case "curl" -> new Curl();
      case "nslookup" -> new Nslookup(bindTools);
      case "wget" -> new Wget();
      case "dig" -> new Dig();
      case "host" -> new Host();
      case "nc" -> new Nc(bindTools ? Nc.Flavour.OPENBSD : Nc.Flavour.BUSYBOX);
      case "ping" -> new Ping(bindTools);
      case "ip" -> new IpAddr(bindTools);
      default -> null;
    };
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }
}
