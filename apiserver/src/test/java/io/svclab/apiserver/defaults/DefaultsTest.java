package io.svclab.apiserver.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.Service;
import io.svclab.apiserver.validation.ApiObjects;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case: an object, a field read from the defaulted object, and Kubernetes' default for it. */
class DefaultsTest {

  private static final String SVC = "'metadata':{'name':'web','namespace':'default'}";
  private static final String POD = "{'metadata':{'name':'p','namespace':'default'},'spec':{'containers':[{'name':'web','image':'nginx','ports':[{'containerPort':80}],"
      + "'readinessProbe':{'httpGet':{'port':{'number':80}}}}]}}";
  private static final String DEPLOY = "{'metadata':{'name':'d','namespace':'default'},'spec':{'selector':{'matchLabels':{'app':'x'}},"
      + "'template':{'metadata':{'labels':{'app':'x'}},'spec':{'containers':[{'name':'c','image':'busybox:1.36'}]}}}}";

  static Stream<Arguments> cases() {
    return Stream.of(
        svc("type ClusterIP", "{" + SVC + ",'spec':{'ports':[{'port':80}]}}", s -> s.getSpec().getType(), "ClusterIP"),
        svc("port protocol TCP", "{" + SVC + ",'spec':{'ports':[{'port':80}]}}", s -> s.getSpec().getPorts(0).getProtocol(), "TCP"),
        svc("targetPort = port", "{" + SVC + ",'spec':{'ports':[{'port':8080}]}}", s -> s.getSpec().getPorts(0).getTargetPort().getNumber(), 8080),
        svc("named targetPort kept", "{" + SVC + ",'spec':{'ports':[{'port':80,'targetPort':{'name':'http'}}]}}",
            s -> s.getSpec().getPorts(0).getTargetPort().getName(), "http"),
        svc("sessionAffinity None", "{" + SVC + ",'spec':{'ports':[{'port':80}]}}", s -> s.getSpec().getSessionAffinity(), "None"),
        svc("ClientIP timeout 10800", "{" + SVC + ",'spec':{'sessionAffinity':'ClientIP','ports':[{'port':80}]}}",
            s -> s.getSpec().getSessionAffinityConfig().getClientIp().getTimeoutSeconds(), 10800),
        svc("externalTrafficPolicy Cluster for NodePort", "{" + SVC + ",'spec':{'type':'NodePort','ports':[{'port':80}]}}",
            s -> s.getSpec().getExternalTrafficPolicy(), "Cluster"),
        svc("no externalTrafficPolicy for ClusterIP", "{" + SVC + ",'spec':{'ports':[{'port':80}]}}", s -> s.getSpec().getExternalTrafficPolicy(), ""),
        svc("internalTrafficPolicy Cluster", "{" + SVC + ",'spec':{'ports':[{'port':80}]}}", s -> s.getSpec().getInternalTrafficPolicy(), "Cluster"),
        svc("no internalTrafficPolicy for ExternalName", "{" + SVC + ",'spec':{'type':'ExternalName','externalName':'db.example.com'}}",
            s -> s.getSpec().hasInternalTrafficPolicy(), false),
        svc("ipFamilies IPv4", "{" + SVC + ",'spec':{'ports':[{'port':80}]}}", s -> s.getSpec().getIpFamiliesList().toString(), "[IPv4]"),
        svc("ipFamilyPolicy SingleStack", "{" + SVC + ",'spec':{'ports':[{'port':80}]}}", s -> s.getSpec().getIpFamilyPolicy(), "SingleStack"),
        svc("no ipFamilies for ExternalName", "{" + SVC + ",'spec':{'type':'ExternalName','externalName':'db.example.com'}}",
            s -> s.getSpec().getIpFamiliesCount() + "/" + s.getSpec().hasIpFamilyPolicy(), "0/false"),
        svc("allocateLoadBalancerNodePorts true", "{" + SVC + ",'spec':{'type':'LoadBalancer','ports':[{'port':80}]}}",
            s -> s.getSpec().getAllocateLoadBalancerNodePorts(), true),
        svc("clusterIPs synced from clusterIP", "{" + SVC + ",'spec':{'clusterIP':'10.96.0.10','ports':[{'port':80}]}}",
            s -> s.getSpec().getClusterIpsList().toString(), "[10.96.0.10]"),
        svc("nothing allocated", "{" + SVC + ",'spec':{'type':'NodePort','ports':[{'port':80}]}}",
            s -> s.getSpec().getClusterIp() + "/" + s.getSpec().getPorts(0).getNodePort(), "/0"),
        pod("restartPolicy Always", p -> p.getSpec().getRestartPolicy(), "Always"),
        pod("terminationGracePeriodSeconds 30", p -> p.getSpec().getTerminationGracePeriodSeconds(), 30L),
        pod("dnsPolicy ClusterFirst", p -> p.getSpec().getDnsPolicy(), "ClusterFirst"),
        pod("schedulerName default-scheduler", p -> p.getSpec().getSchedulerName(), "default-scheduler"),
        pod("enableServiceLinks true", p -> p.getSpec().getEnableServiceLinks(), true),
        pod("container port protocol TCP", p -> p.getSpec().getContainers(0).getPorts(0).getProtocol(), "TCP"),
        pod("imagePullPolicy Always without a tag", p -> p.getSpec().getContainers(0).getImagePullPolicy(), "Always"),
        pod("terminationMessagePath", p -> p.getSpec().getContainers(0).getTerminationMessagePath(), "/dev/termination-log"),
        pod("terminationMessagePolicy File", p -> p.getSpec().getContainers(0).getTerminationMessagePolicy(), "File"),
        pod("probe timeout 1", p -> p.getSpec().getContainers(0).getReadinessProbe().getTimeoutSeconds(), 1),
        pod("probe period 10", p -> p.getSpec().getContainers(0).getReadinessProbe().getPeriodSeconds(), 10),
        pod("probe success 1", p -> p.getSpec().getContainers(0).getReadinessProbe().getSuccessThreshold(), 1),
        pod("probe failure 3", p -> p.getSpec().getContainers(0).getReadinessProbe().getFailureThreshold(), 3),
        pod("httpGet scheme HTTP", p -> p.getSpec().getContainers(0).getReadinessProbe().getHttpGet().getScheme(), "HTTP"),
        pod("httpGet path /", p -> p.getSpec().getContainers(0).getReadinessProbe().getHttpGet().getPath(), "/"),
        deploy("replicas 1", d -> d.getSpec().getReplicas(), 1),
        deploy("strategy RollingUpdate", d -> d.getSpec().getStrategy().getType(), "RollingUpdate"),
        deploy("maxUnavailable 25%", d -> d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getName(), "25%"),
        deploy("maxSurge 25%", d -> d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getName(), "25%"),
        deploy("revisionHistoryLimit 10", d -> d.getSpec().getRevisionHistoryLimit(), 10),
        deploy("progressDeadlineSeconds 600", d -> d.getSpec().getProgressDeadlineSeconds(), 600),
        deploy("template pull policy IfNotPresent for a tag", d -> d.getSpec().getTemplate().getSpec().getContainers(0).getImagePullPolicy(), "IfNotPresent"),
        deploy("template restartPolicy Always", d -> d.getSpec().getTemplate().getSpec().getRestartPolicy(), "Always"),
        deploy("no enableServiceLinks on templates", d -> d.getSpec().getTemplate().getSpec().hasEnableServiceLinks(), false),
        arguments("ReplicaSet replicas 1", ResourceKinds.REPLICA_SETS,
            "{'metadata':{'name':'rs','namespace':'default'},'spec':{'template':{'spec':{'containers':[{'name':'c','image':'x'}]}}}}",
            (Function<ReplicaSet, Object>) r -> r.getSpec().getReplicas() + "/" + r.getSpec().getTemplate().getSpec().getDnsPolicy(), "1/ClusterFirst"),
        arguments("EndpointSlice port protocol TCP", ResourceKinds.ENDPOINT_SLICES,
            "{'metadata':{'name':'s','namespace':'default'},'addressType':'IPv4','ports':[{'port':80}]}",
            (Function<EndpointSlice, Object>) s -> s.getPorts(0).getProtocol() + "/" + s.getPorts(0).hasName(), "TCP/true"),
        arguments("Endpoints port protocol TCP", ResourceKinds.ENDPOINTS,
            "{'metadata':{'name':'e','namespace':'default'},'subsets':[{'addresses':[{'ip':'10.0.0.1'}],'ports':[{'port':80}]}]}",
            (Function<EndpointsObject, Object>) e -> e.getSubsets(0).getPorts(0).getProtocol(), "TCP"),
        arguments("Namespace finalizer and phase", ResourceKinds.NAMESPACES, "{'metadata':{'name':'prod'}}",
            (Function<Namespace, Object>) n -> n.getSpec().getFinalizersList() + "/" + n.getStatus().getPhase(), "[kubernetes]/Active"),
        arguments("stored Namespace keeps its finalizers", ResourceKinds.NAMESPACES,
            "{'metadata':{'name':'prod'},'status':{'phase':'Terminating'}}",
            (Function<Namespace, Object>) n -> n.getSpec().getFinalizersCount(), 0));
  }

  private static Arguments svc(String name, String json, Function<Service, Object> read, Object expected) {
    return arguments(name, ResourceKinds.SERVICES, json, read, expected);
  }

  private static Arguments pod(String name, Function<Pod, Object> read, Object expected) {
    return arguments(name, ResourceKinds.PODS, POD, read, expected);
  }

  private static Arguments deploy(String name, Function<Deployment, Object> read, Object expected) {
    return arguments(name, ResourceKinds.DEPLOYMENTS, DEPLOY, read, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void defaults(String name, ResourceKind<?> kind, String json, Function read, Object expected) {
    ResourceKind k = kind;
    Message defaulted = Defaults.apply(k, ApiObjects.parse(k, json));
    assertThat(read.apply(defaulted)).isEqualTo(expected);
  }

  @Test
  void defaultingIsIdempotentAndLeavesTheInputAlone() throws Exception {
    Service in = ApiObjects.parse(ResourceKinds.SERVICES, "{" + SVC + ",'spec':{'type':'LoadBalancer','ports':[{'port':80}]}}");
    Service once = Defaults.apply(ResourceKinds.SERVICES, in);
    assertThat(Defaults.apply(ResourceKinds.SERVICES, once)).isEqualTo(once);
    assertThat(JsonFormat.printer().print(in)).doesNotContain("Cluster");
  }
}
