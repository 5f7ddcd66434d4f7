package io.svclab.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LookupTest {
  static Stream<Arguments> outputs() {
    return Stream.of(
        Arguments.of("busybox: one address", "backend-service",
            "Server:\t\t127.96.0.10\nAddress:\t127.96.0.10:53\n\nName:\tbackend-service.service-demo.svc.cluster.local\n"
                + "Address: 127.96.0.20\n\n",
            new Lookup("backend-service", "backend-service.service-demo.svc.cluster.local", "NOERROR", "", List.of("127.96.0.20"))),
        Arguments.of("headless: a Name/Address pair per pod", "echo-headless",
            "Server:\t\t127.96.0.10\nAddress:\t127.96.0.10:53\n\nName:\techo-headless.ns.svc.cluster.local\nAddress: 127.244.1.2\n"
                + "Name:\techo-headless.ns.svc.cluster.local\nAddress: 127.244.2.3\n\n",
            new Lookup("echo-headless", "echo-headless.ns.svc.cluster.local", "NOERROR", "", List.of("127.244.1.2", "127.244.2.3"))),
        Arguments.of("no answer printed: the server's own Address line is not one, and no rcode", "x",
            "Server:\t\t127.96.0.10\nAddress:\t127.96.0.10#53\n\n;; connection timed out; no servers could be reached\n\n",
            new Lookup("x", "", "", "", List.of())),
        Arguments.of("not found: the rcode after the name", "backend-service",
            "Server:\t\t127.96.0.10\nAddress:\t127.96.0.10:53\n\n** server can't find backend-service.cluster.local: NXDOMAIN\n\n",
            new Lookup("backend-service", "", "NXDOMAIN", "", List.of())),
        Arguments.of("bind: a CNAME line before the target's records", "external-api",
            "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nexternal-api.demo.svc.cluster.local\tcanonical name = httpbin.org.\n"
                + "Name:\thttpbin.org\nAddress: 1.2.3.4\n",
            new Lookup("external-api", "external-api.demo.svc.cluster.local", "NOERROR", "httpbin.org", List.of("1.2.3.4"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void readsWhatNslookupPrinted(String caseName, String query, String stdout, Lookup expected) {
    assertThat(Lookup.fromNslookup(query, stdout)).isEqualTo(expected);
  }
}
