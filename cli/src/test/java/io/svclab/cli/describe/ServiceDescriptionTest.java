package io.svclab.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventSource;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.LoadBalancerStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.api.v1.ServiceStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** describe svc against kubectl's own output for the seed 000 Services (whitespace as kubectl's tabwriter prints it). */
class ServiceDescriptionTest {
  static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");

  static Service svc(String name, String type, String ip, int nodePort, String etp) {
    ServicePort.Builder port = ServicePort.newBuilder().setPort(80).setProtocol("TCP")
        .setTargetPort(IntOrString.newBuilder().setNumber(80));
    if (nodePort != 0) {
      port.setNodePort(nodePort);
    }
    ServiceSpec.Builder spec = ServiceSpec.newBuilder().setType(type).putSelector("app", "nginx").setClusterIp(ip)
        .addClusterIps(ip).addIpFamilies("IPv4").setIpFamilyPolicy("SingleStack").setSessionAffinity("None").addPorts(port);
    if (!etp.isEmpty()) {
      spec.setExternalTrafficPolicy(etp);
    }
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default")).setSpec(spec).build();
  }

  static EndpointSlice slice(String... readyAndNot) {
    EndpointSlice.Builder s = EndpointSlice.newBuilder().setAddressType("IPv4")
        .addPorts(EndpointSlicePort.newBuilder().setName("").setPort(80).setProtocol("TCP"));
    for (String a : readyAndNot) {
      boolean ready = !a.startsWith("!");
      s.addEndpoints(Endpoint.newBuilder().addAddresses(a.replace("!", ""))
          .setConditions(EndpointConditions.newBuilder().setReady(ready)));
    }
    return s.build();
  }

  static Event event(String reason, String message, long secondsAgo) {
    Timestamp t = Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - secondsAgo).build();
    return Event.newBuilder().setType("Normal").setReason(reason).setMessage(message).setCount(1)
        .setSource(EventSource.newBuilder().setComponent("service-controller")).setFirstTimestamp(t).setLastTimestamp(t).build();
  }

  static Stream<Arguments> cases() {
    Service lb = svc("nginx-loadbalancer-service", "LoadBalancer", "10.102.132.224", 30952, "Cluster").toBuilder()
        .setStatus(ServiceStatus.newBuilder().setLoadBalancer(LoadBalancerStatus.newBuilder()
            .addIngress(LoadBalancerIngress.newBuilder().setIp("34.121.123.124")))).build();
    return Stream.of(
        Arguments.of("seed 000 ClusterIP, no events",
            svc("nginx-clusterip-service", "ClusterIP", "10.96.124.144", 0, ""), List.of(slice("10.244.0.5", "10.244.0.6")), List.of(),
            """
            Name:              nginx-clusterip-service
            Namespace:         default
            Labels:            <none>
            Annotations:       <none>
            Selector:          app=nginx
            Type:              ClusterIP
            IP Family Policy:  SingleStack
            IP Families:       IPv4
            IP:                10.96.124.144
            IPs:               10.96.124.144
            Port:              <unset>  80/TCP
            TargetPort:        80/TCP
            Endpoints:         10.244.0.5:80,10.244.0.6:80
            Session Affinity:  None
            Events:            <none>
            """),
        Arguments.of("seed 000 NodePort: the key column widens for External Traffic Policy",
            svc("nginx-nodeport-service", "NodePort", "10.108.224.197", 30080, "Cluster"), List.of(slice("10.244.0.5", "10.244.0.6")), List.of(),
            """
            Name:                     nginx-nodeport-service
            Namespace:                default
            Labels:                   <none>
            Annotations:              <none>
            Selector:                 app=nginx
            Type:                     NodePort
            IP Family Policy:         SingleStack
            IP Families:              IPv4
            IP:                       10.108.224.197
            IPs:                      10.108.224.197
            Port:                     <unset>  80/TCP
            TargetPort:               80/TCP
            NodePort:                 <unset>  30080/TCP
            Endpoints:                10.244.0.5:80,10.244.0.6:80
            Session Affinity:         None
            External Traffic Policy:  Cluster
            Events:                   <none>
            """),
        Arguments.of("LoadBalancer with the service-controller's Events in their own table",
            lb, List.of(slice("10.244.0.5", "10.244.0.6")),
            List.of(event("EnsuredLoadBalancer", "Ensured load balancer", 9), event("EnsuringLoadBalancer", "Ensuring load balancer", 11)),
            """
            Name:                     nginx-loadbalancer-service
            Namespace:                default
            Labels:                   <none>
            Annotations:              <none>
            Selector:                 app=nginx
            Type:                     LoadBalancer
            IP Family Policy:         SingleStack
            IP Families:              IPv4
            IP:                       10.102.132.224
            IPs:                      10.102.132.224
            LoadBalancer Ingress:     34.121.123.124
            Port:                     <unset>  80/TCP
            TargetPort:               80/TCP
            NodePort:                 <unset>  30952/TCP
            Endpoints:                10.244.0.5:80,10.244.0.6:80
            Session Affinity:         None
            External Traffic Policy:  Cluster
            Events:
              Type    Reason                Age   From                Message
              ----    ------                ----  ----                -------
              Normal  EnsuringLoadBalancer  11s   service-controller  Ensuring load balancer
              Normal  EnsuredLoadBalancer   9s    service-controller  Ensured load balancer
            """),
        Arguments.of("not-ready endpoints are left out, a slice with none left prints an empty value",
            svc("web", "ClusterIP", "10.96.0.20", 0, "").toBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("demo")
                    .putLabels("tier", "web").putLabels("app", "nginx")
                    .putAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{}").putAnnotations("team", "blue")).build(),
            List.of(slice("!10.244.0.9")), List.of(),
            """
            Name:              web
            Namespace:         demo
            Labels:            app=nginx
                               tier=web
            Annotations:       team: blue
            Selector:          app=nginx
            Type:              ClusterIP
            IP Family Policy:  SingleStack
            IP Families:       IPv4
            IP:                10.96.0.20
            IPs:               10.96.0.20
            Port:              <unset>  80/TCP
            TargetPort:        80/TCP
            Endpoints:         \n\
            Session Affinity:  None
            Events:            <none>
            """),
        Arguments.of("more than three ready endpoints: kubectl's + N more...",
            svc("big", "ClusterIP", "10.96.0.21", 0, ""),
            List.of(slice("10.244.0.1", "10.244.0.2", "10.244.0.3", "10.244.0.4", "10.244.0.5")), List.of(),
            """
            Name:              big
            Namespace:         default
            Labels:            <none>
            Annotations:       <none>
            Selector:          app=nginx
            Type:              ClusterIP
            IP Family Policy:  SingleStack
            IP Families:       IPv4
            IP:                10.96.0.21
            IPs:               10.96.0.21
            Port:              <unset>  80/TCP
            TargetPort:        80/TCP
            Endpoints:         10.244.0.1:80,10.244.0.2:80,10.244.0.3:80 + 2 more...
            Session Affinity:  None
            Events:            <none>
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersAsKubectl(String name, Service svc, List<EndpointSlice> slices, List<Event> events, String expected) {
    assertThat(ServiceDescription.render(svc, slices, events, NOW, ZoneOffset.UTC)).isEqualTo(expected);
  }
}
