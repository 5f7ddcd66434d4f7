package io.svclab.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ARCHITECTURE.md's import rules: a component uses the API types ({@code proto}), {@code client},
 * {@code net}, its own packages and third-party libraries, never another component; {@code client}
 * and {@code net} use no component; {@code cli} and {@code e2e} may use anything (no rule).
 * Written as a whitelist of svclab packages, so a new module is covered before anyone lists it.
 */
class ImportRulesTest {
  static final String API = "io.svclab.api..";
  /** etcd's v3 wire API, generated in the proto module (the apiserver's etcd store speaks it). */
  static final String ETCD = "io.svclab.etcd..";
  /** The apiserver's own stored records (allocator ranges), generated in the proto module. */
  static final String STORAGE = "io.svclab.storage..";
  static final String CLIENT = "io.svclab.client..";
  static final String NET = "io.svclab.net..";

  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.svclab");
  }

  /** module, its packages, the svclab packages it may use besides its own. */
  static Stream<Arguments> modules() {
    return Stream.of(
        arguments(named("apiserver", "io.svclab.apiserver.."), new String[] {API, ETCD, STORAGE, CLIENT, NET}),
        arguments(named("endpoints-controller", "io.svclab.endpoints.."), new String[] {API, CLIENT, NET}),
        arguments(named("workload-controller", "io.svclab.workload.."), new String[] {API, CLIENT, NET}),
        arguments(named("node-agent", "io.svclab.node.."), new String[] {API, CLIENT, NET}),
        arguments(named("node-proxy", "io.svclab.proxy.."), new String[] {API, CLIENT, NET}),
        arguments(named("dns-server", "io.svclab.dns.."), new String[] {API, CLIENT, NET}),
        arguments(named("cloud-lb", "io.svclab.cloudlb.."), new String[] {API, CLIENT, NET}),
        arguments(named("client", CLIENT), new String[] {API}),
        arguments(named("net", NET), new String[] {}));
  }

  @ParameterizedTest(name = "{0} uses only its own packages, proto, client and net")
  @MethodSource("modules")
  void moduleUsesOnlyAllowedSvclabPackages(String own, String[] allowed) {
    String[] mayUse = Stream.concat(Stream.of(own), Stream.of(allowed)).toArray(String[]::new);
    noClasses().that().resideInAPackage(own)
        .should().dependOnClassesThat(resideInAPackage("io.svclab..").and(not(resideInAnyPackage(mayUse))))
        .because("components depend on proto, client and net only, never on each other (ARCHITECTURE.md)")
        .check(classes);
  }

  @ParameterizedTest(name = "{0} has classes (the rule is not vacuous)")
  @MethodSource("modules")
  void everyModuleIsOnTheClasspath(String own, String[] allowed) {
    org.assertj.core.api.Assertions.assertThat(classes.that(resideInAPackage(own))).isNotEmpty();
  }
}
