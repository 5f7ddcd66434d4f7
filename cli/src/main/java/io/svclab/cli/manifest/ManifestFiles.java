package io.svclab.cli.manifest;

import io.svclab.client.json.DecodedObject;
import io.svclab.client.json.ManifestDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * kubectl's {@code -f}: a file, a directory (its .yaml/.yml/.json files, sorted) or {@code -} for
 * stdin. Every file is read and decoded before anything is sent, so one bad file means nothing
 * is applied, as with kubectl; errors carry kubectl's wording.
 */
public final class ManifestFiles {
  private static final String EXTENSIONS = ".*\\.(ya?ml|json)$";

  private ManifestFiles() {}

  /** Every object of every file, or the first problem in kubectl's words. */
  public static List<DecodedObject> load(List<String> arguments, InputStream stdin) throws ManifestError {
    List<DecodedObject> objects = new ArrayList<>();
    for (ManifestFile f : read(arguments, stdin)) {
      objects.addAll(decode(f));
    }
    return objects;
  }

  public static List<ManifestFile> read(List<String> arguments, InputStream stdin) throws ManifestError {
    List<ManifestFile> files = new ArrayList<>();
    for (String f : arguments) {
      try {
        if ("-".equals(f)) {
          files.add(new ManifestFile("STDIN", new String(stdin.readAllBytes(), StandardCharsets.UTF_8)));
        } else if (!Files.exists(Path.of(f))) {
          throw new ManifestError("the path \"" + f + "\" does not exist");
        } else if (Files.isDirectory(Path.of(f))) {
          List<Path> paths;
          try (Stream<Path> s = Files.list(Path.of(f))) {
            paths = s.filter(p -> p.toString().matches(EXTENSIONS)).sorted().toList();
          }
          if (paths.isEmpty()) {
            throw new ManifestError("error reading [" + f + "]: recognized file extensions are [.json .yaml .yml]");
          }
          for (Path p : paths) {
            files.add(new ManifestFile(p.toString(), Files.readString(p)));
          }
        } else {
          files.add(new ManifestFile(f, Files.readString(Path.of(f))));
        }
      } catch (IOException e) {
        throw new ManifestError("error reading " + f + ": " + e.getMessage());
      }
    }
    return files;
  }

  /** One file's objects; a syntax error or an object svclab cannot map is reported as kubectl reports it. */
  public static List<DecodedObject> decode(ManifestFile f) throws ManifestError {
    try {
      return ManifestDecoder.decode(f.text());
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new ManifestError("error parsing " + f.source() + ": error converting YAML to JSON: yaml: line " + line
          + ": " + goYamlWording(e.getProblem()));
    } catch (YAMLException e) {
      throw new ManifestError("error parsing " + f.source() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ManifestError("unable to decode \"" + f.source() + "\": " + e.getMessage());
    }
  }

  /** SnakeYAML's problem text in go-yaml's words where they differ (kubectl parses with go-yaml). */
  static String goYamlWording(String snakeYaml) {
    if (snakeYaml == null) {
      return "did not find expected node content";
    }
    return switch (snakeYaml) {
      case "mapping values are not allowed here" -> "mapping values are not allowed in this context";
      case "expected the node content, but found '<stream end>'", "expected the node content, but found ']'",
          "expected the node content, but found '}'" -> "did not find expected node content";
      default -> snakeYaml.startsWith("found character '\\t'") ? "found character that cannot start any token" : snakeYaml;
    };
  }
}
