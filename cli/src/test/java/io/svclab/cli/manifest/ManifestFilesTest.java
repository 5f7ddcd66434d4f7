package io.svclab.cli.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad {@code -f} input in kubectl's words. The expected lines were recorded from kubectl v1.32
 * ({@code kubectl apply -f FILE}, same files) and match it exactly, except where noted: a YAML
 * syntax error keeps kubectl's frame but takes the line and problem from SnakeYAML, not go-yaml.
 */
class ManifestFilesTest {
  @TempDir Path dir;

  record Case(String file, String content, String expected) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(named("plain text is not an object (kubectl verbatim)", new Case("text.yaml", "just some text\n",
            "unable to decode \"%s/text.yaml\": json: cannot unmarshal string into Go value of type unstructured.detector"))),
        Arguments.of(named("a list is not an object either", new Case("list.yaml", "- a\n- b\n",
            "unable to decode \"%s/list.yaml\": json: cannot unmarshal array into Go value of type unstructured.detector"))),
        Arguments.of(named("no kind (kubectl verbatim)", new Case("nokind.yaml", "a: 1\n",
            "unable to decode \"%s/nokind.yaml\": Object 'Kind' is missing in '{\"a\":1}'"))),
        Arguments.of(named("a bad indent (kubectl verbatim)", new Case("bad2.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   bad: 1\n",
            "error parsing %s/bad2.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"))),
        Arguments.of(named("an unclosed flow sequence (kubectl says line 1)", new Case("bad.yaml", "hello: [\n",
            "error parsing %s/bad.yaml: error converting YAML to JSON: yaml: line 2: did not find expected node content"))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void badFilesAreReportedAsKubectlReportsThem(Case c) throws Exception {
    Path file = dir.resolve(c.file());
    Files.writeString(file, c.content());
    assertThatThrownBy(() -> ManifestFiles.load(List.of(file.toString()), new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(ManifestError.class).hasMessage(c.expected().formatted(dir));
  }

  @Test
  void aMissingPathIsNamed() {
    assertThatThrownBy(() -> ManifestFiles.load(List.of("missing.yaml"), new ByteArrayInputStream(new byte[0])))
        .hasMessage("the path \"missing.yaml\" does not exist");
  }

  @Test
  void aDirectoryWithoutManifestsSaysWhichExtensionsCount() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> ManifestFiles.load(List.of(dir.toString()), new ByteArrayInputStream(new byte[0])))
        .hasMessage("error reading [" + dir + "]: recognized file extensions are [.json .yaml .yml]");
  }

  @Test
  void oneBadFileFailsTheBatchBeforeAnythingIsReturned() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
    Files.writeString(dir.resolve("b.yaml"), "just some text\n");
    assertThatThrownBy(() -> ManifestFiles.load(List.of(dir.toString()), new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(ManifestError.class).hasMessageContaining("b.yaml");
    Files.delete(dir.resolve("b.yaml"));
    assertThat(ManifestFiles.load(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]))).hasSize(1);
  }

  @Test
  void stdinIsNamedStdin() {
    assertThatThrownBy(() -> ManifestFiles.load(List.of("-"), new ByteArrayInputStream("a: 1\n".getBytes())))
        .hasMessage("unable to decode \"STDIN\": Object 'Kind' is missing in '{\"a\":1}'");
  }
}
