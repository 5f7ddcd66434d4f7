package io.svclab.cli.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** kubectl's {@code -f}: a file, a directory (its .yaml/.yml/.json files, sorted) or {@code -} for stdin. */
public final class ManifestFiles {
  private ManifestFiles() {}

  public static List<String> read(List<String> arguments, InputStream stdin) throws IOException {
    List<String> texts = new ArrayList<>();
    for (String f : arguments) {
      if ("-".equals(f)) {
        texts.add(new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
      } else if (Files.isDirectory(Path.of(f))) {
        try (Stream<Path> s = Files.list(Path.of(f))) {
          for (Path p : s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
            texts.add(Files.readString(p));
          }
        }
      } else {
        texts.add(Files.readString(Path.of(f)));
      }
    }
    return texts;
  }
}
