package io.svclab.apiserver.portforward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortForwardRulesTest {
  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of(Named.of("kubectl's error stream", Map.of("streamtype", "error", "port", "8080", "requestid", "0")),
            new StreamHeaders.Accepted("error", 8080, "0")),
        Arguments.of(Named.of("names in any case", Map.of("StreamType", "data", "Port", "80", "RequestID", "3")),
            new StreamHeaders.Accepted("data", 80, "3")),
        Arguments.of(Named.of("no requestID: kubelet's id from the stream id", Map.of("streamtype", "data", "port", "80")),
            new StreamHeaders.Accepted("data", 80, "5")),
        Arguments.of(Named.of("no port", Map.of("streamtype", "data")),
            new StreamHeaders.Rejected("\"port\" header is required")),
        Arguments.of(Named.of("port not a number", Map.of("streamtype", "data", "port", "http")),
            new StreamHeaders.Rejected("unable to parse \"http\" as a port: strconv.ParseUint: parsing \"http\": invalid syntax")),
        Arguments.of(Named.of("port too big", Map.of("streamtype", "data", "port", "65536")),
            new StreamHeaders.Rejected("unable to parse \"65536\" as a port: strconv.ParseUint: parsing \"65536\": value out of range")),
        Arguments.of(Named.of("port zero", Map.of("streamtype", "data", "port", "0")),
            new StreamHeaders.Rejected("port \"0\" must be > 0")),
        Arguments.of(Named.of("no type", Map.of("port", "80")),
            new StreamHeaders.Rejected("\"streamType\" header is required")),
        Arguments.of(Named.of("unknown type", Map.of("streamtype", "stdin", "port", "80")),
            new StreamHeaders.Rejected("invalid stream type \"stdin\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void streamHeaders(Map<String, String> headers, StreamHeaders.Parsed expected) {
    assertThat(StreamHeaders.parse(headers, 7)).isEqualTo(expected);
  }

  @Test
  void aPairStartsWhenBothStreamsAreThereAndRefusesASecondOfAKind() {
    StreamHeaders.Accepted error = new StreamHeaders.Accepted("error", 80, "0");
    StreamHeaders.Accepted data = new StreamHeaders.Accepted("data", 80, "0");
    StreamPair.Added first = (StreamPair.Added) StreamPair.empty("0").add(error, 1);
    assertThat(first.complete()).isFalse();
    StreamPair.Added both = (StreamPair.Added) first.pair().add(data, 3);
    assertThat(both.complete()).isTrue();
    assertThat(both.pair()).isEqualTo(new StreamPair("0", 80, 3, 1));
    assertThat(both.pair().add(data, 5)).isEqualTo(
        new StreamPair.Duplicate("error processing stream for request 0: data stream already assigned"));
    assertThat(first.pair().timedOut("c1")).isEqualTo("(conn=c1, request=0) timed out waiting for streams");
  }

  @Test
  void protocols() {
    assertThat(TunnelProtocols.websocket(List.of("SPDY/3.1+portforward.k8s.io")))
        .isEqualTo(new TunnelProtocols.Chosen("SPDY/3.1+portforward.k8s.io"));
    assertThat(TunnelProtocols.websocket(List.of("v4.channel.k8s.io, portforward.k8s.io"))).isEqualTo(
        new TunnelProtocols.Refused(400, "unable to upgrade: unable to negotiate protocol: client supports"
            + " [v4.channel.k8s.io portforward.k8s.io], server accepts [SPDY/3.1+portforward.k8s.io]"));
    assertThat(TunnelProtocols.spdy(List.of("portforward.k8s.io"))).isEqualTo(new TunnelProtocols.Chosen("portforward.k8s.io"));
    assertThat(TunnelProtocols.spdy(List.of())).isEqualTo(
        new TunnelProtocols.Refused(400, "unable to upgrade: X-Stream-Protocol-Version is required"));
    assertThat(TunnelProtocols.spdy(List.of("v9.example"))).isEqualTo(new TunnelProtocols.Refused(403,
        "unable to upgrade: unable to negotiate protocol: client supports [v9.example], server accepts [portforward.k8s.io]"));
  }
}
