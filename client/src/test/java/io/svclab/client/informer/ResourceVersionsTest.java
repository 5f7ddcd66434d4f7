package io.svclab.client.informer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceVersionsTest {
  @ParameterizedTest(name = "{0}: isNewer({1}, {2}) = {3}")
  @CsvSource(delimiter = '|', value = {
      "greater number                 | 12    | 11    | true",
      "equal                          | 12    | 12    | false",
      "smaller                        | 11    | 12    | false",
      "numeric not lexical order      | 100   | 99    | true",
      "numeric not lexical (reverse)  | 99    | 100   | false",
      "anything beats empty           | 1     | ''    | true",
      "empty beats nothing            | ''    | 1     | false",
      "beyond long range              | 99999999999999999999 | 9223372036854775807 | true",
      "garbage counts as empty        | x     | 1     | false",
  })
  void isNewer(String name, String candidate, String current, boolean expected) {
    assertThat(ResourceVersions.isNewer(candidate, current)).isEqualTo(expected);
  }
}
