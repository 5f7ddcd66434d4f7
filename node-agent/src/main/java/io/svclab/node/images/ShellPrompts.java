package io.svclab.node.images;

import java.util.List;
import java.util.Map;

/**
 * How an image's interactive shell greets a terminal: its user, working directory and the
 * prompt ({@code PS1}) each shell prints, from the real images:
 * <ul>
 *   <li>busybox and alpine run as root in {@code /}; busybox ash's default {@code PS1} is
 *       {@code \w \$ }, so {@code / # }.</li>
 *   <li>curlimages/curl runs as {@code curl_user} in {@code /home/curl_user} (its build sets
 *       {@code --user curl_user --workingdir /home/curl_user}), so ash shows {@code ~ $ }.</li>
 *   <li>nicolaka/netshoot (alpine with bash) runs as root in {@code /root}; alpine's
 *       {@code /etc/bash/bashrc} replaces bash's {@code \s-\v\$ } with {@code \h:\w\$ }, so
 *       {@code debug:~# } in a pod named debug; its sh is busybox ash ({@code ~ # }).</li>
 * </ul>
 * A shell an image has no entry for uses the image's sh prompt.
 */
public final class ShellPrompts {
  private ShellPrompts() {}

  /** An image's shell user and the PS1 per shell name. */
  public record Profile(boolean root, String home, String workdir, Map<String, String> ps1) {
    /** {@code PS1} expanded: {@code \h} hostname, {@code \w} directory ({@code ~} for home), {@code \$} # or $. */
    public String prompt(String shell, String hostname, String cwd) {
      String ps1 = this.ps1.getOrDefault(shell, this.ps1.get("sh"));
      String w = cwd.equals(home) ? "~" : cwd.startsWith(home + "/") ? "~" + cwd.substring(home.length()) : cwd;
      return ps1.replace("\\h", hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname)
          .replace("\\w", w).replace("\\$", root ? "#" : "$");
    }
  }

  private static final String ASH = "\\w \\$ ";
  private static final Profile BUSYBOX = new Profile(true, "/root", "/", Map.of("sh", ASH));

  /** By repository path (after the registry), then by last path component. */
  private static final Map<String, Profile> BY_PATH = Map.of(
      "curlimages/curl", new Profile(false, "/home/curl_user", "/home/curl_user", Map.of("sh", ASH)),
      "nicolaka/netshoot", new Profile(true, "/root", "/root", Map.of("sh", ASH, "bash", "\\h:\\w\\$ ")));
  private static final Map<String, Profile> BY_NAME = Map.of(
      "busybox", BUSYBOX,
      "alpine", BUSYBOX,
      "curl", BY_PATH.get("curlimages/curl"),
      "netshoot", BY_PATH.get("nicolaka/netshoot"));

  public static Profile of(ImageRef image) {
    Profile p = BY_PATH.get(image.path());
    return p != null ? p : BY_NAME.getOrDefault(image.name(), BUSYBOX);
  }

  /** The shells an interactive session is for: {@code sh}, {@code bash}, ... by their program name. */
  public static final List<String> SHELLS = List.of("sh", "ash", "bash", "dash", "zsh");
}
