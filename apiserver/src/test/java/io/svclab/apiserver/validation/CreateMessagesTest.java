package io.svclab.apiserver.validation;

import static io.svclab.client.resource.ResourceKinds.DEPLOYMENTS;
import static io.svclab.client.resource.ResourceKinds.ENDPOINTS;
import static io.svclab.client.resource.ResourceKinds.ENDPOINT_SLICES;
import static io.svclab.client.resource.ResourceKinds.EVENTS;
import static io.svclab.client.resource.ResourceKinds.LEASES;
import static io.svclab.client.resource.ResourceKinds.NAMESPACES;
import static io.svclab.client.resource.ResourceKinds.NODES;
import static io.svclab.client.resource.ResourceKinds.PODS;
import static io.svclab.client.resource.ResourceKinds.REPLICA_SETS;
import static io.svclab.client.resource.ResourceKinds.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.client.resource.ResourceKind;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Creating an invalid object yields, byte for byte, the message a Kubernetes apiserver gives. */
class CreateMessagesTest {

  private static final String SVC = "'metadata':{'name':'bad','namespace':'default'}";
  private static final String DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  private static final String DNS1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String DNS1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String PORT_RANGE = "must be between 1 and 65535, inclusive";
  private static final String TYPES = "supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"";
  private static final String POD = "'metadata':{'name':'p','namespace':'default'}";
  private static final String NGINX_TEMPLATE = "'template':{'metadata':{'labels':{'app':'nginx'}},'spec':{'containers':[{'name':'nginx','image':'nginx:1.14.2'}]}}";

  static Stream<Arguments> cases() {
    return Stream.of(
        // ---- Service ----
        arguments("NodePort outside the range (allocator)", SERVICES,
            "{" + SVC + ",'spec':{'type':'NodePort','selector':{'app':'nginx'},'ports':[{'port':80,'nodePort':80}]}}",
            "Service \"bad\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"),
        arguments("unsupported type", SERVICES,
            "{" + SVC + ",'spec':{'type':'Foo','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.type: Unsupported value: \"Foo\": " + TYPES),
        arguments("no name", SERVICES,
            "{'metadata':{'namespace':'default'},'spec':{'ports':[{'port':80}]}}",
            "Service \"\" is invalid: metadata.name: Required value: name or generateName is required"),
        arguments("name not a DNS-1035 label", SERVICES,
            "{'metadata':{'name':'1bad','namespace':'default'},'spec':{'ports':[{'port':80}]}}",
            "Service \"1bad\" is invalid: metadata.name: Invalid value: \"1bad\": " + DNS1035),
        arguments("duplicate port names", SERVICES,
            "{" + SVC + ",'spec':{'ports':[{'name':'http','port':80},{'name':'http','port':81}]}}",
            "Service \"bad\" is invalid: spec.ports[1].name: Duplicate value: \"http\""),
        arguments("several ports without names", SERVICES,
            "{" + SVC + ",'spec':{'ports':[{'port':80},{'port':81}]}}",
            "Service \"bad\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]"),
        arguments("port out of range (targetPort defaults to it)", SERVICES,
            "{" + SVC + ",'spec':{'ports':[{'port':70000}]}}",
            "Service \"bad\" is invalid: [spec.ports[0].port: Invalid value: 70000: " + PORT_RANGE
                + ", spec.ports[0].targetPort: Invalid value: 70000: " + PORT_RANGE + "]"),
        arguments("unsupported protocol", SERVICES,
            "{" + SVC + ",'spec':{'ports':[{'port':80,'protocol':'HTTP'}]}}",
            "Service \"bad\" is invalid: spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        arguments("same port and protocol twice", SERVICES,
            "{" + SVC + ",'spec':{'ports':[{'name':'a','port':80},{'name':'b','port':80}]}}",
            "Service \"bad\" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"),
        arguments("named targetPort not an IANA service name", SERVICES,
            "{" + SVC + ",'spec':{'ports':[{'port':80,'targetPort':{'name':'http_web'}}]}}",
            "Service \"bad\" is invalid: spec.ports[0].targetPort: Invalid value: \"http_web\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
        arguments("nodePort on a ClusterIP service", SERVICES,
            "{" + SVC + ",'spec':{'ports':[{'port':80,'nodePort':30080}]}}",
            "Service \"bad\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
        arguments("clusterIP not an IP", SERVICES,
            "{" + SVC + ",'spec':{'clusterIP':'10.0.0.300','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
        arguments("headless NodePort", SERVICES,
            "{" + SVC + ",'spec':{'type':'NodePort','clusterIP':'None','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"),
        arguments("headless LoadBalancer", SERVICES,
            "{" + SVC + ",'spec':{'type':'LoadBalancer','clusterIP':'None','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"),
        arguments("ExternalName without externalName", SERVICES,
            "{" + SVC + ",'spec':{'type':'ExternalName'}}",
            "Service \"bad\" is invalid: spec.externalName: Required value"),
        arguments("externalName not a DNS subdomain", SERVICES,
            "{" + SVC + ",'spec':{'type':'ExternalName','externalName':'My_DB'}}",
            "Service \"bad\" is invalid: spec.externalName: Invalid value: \"My_DB\": " + DNS1123_SUBDOMAIN),
        arguments("externalTrafficPolicy on ClusterIP", SERVICES,
            "{" + SVC + ",'spec':{'externalTrafficPolicy':'Local','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"),
        arguments("unsupported externalTrafficPolicy", SERVICES,
            "{" + SVC + ",'spec':{'type':'NodePort','externalTrafficPolicy':'Global','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.externalTrafficPolicy: Unsupported value: \"Global\": supported values: \"Cluster\", \"Local\""),
        arguments("unsupported internalTrafficPolicy", SERVICES,
            "{" + SVC + ",'spec':{'internalTrafficPolicy':'Node','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.internalTrafficPolicy: Unsupported value: \"Node\": supported values: \"Cluster\", \"Local\""),
        arguments("unsupported sessionAffinity", SERVICES,
            "{" + SVC + ",'spec':{'sessionAffinity':'Sticky','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\""),
        arguments("ClientIP affinity timeout too long", SERVICES,
            "{" + SVC + ",'spec':{'sessionAffinity':'ClientIP','sessionAffinityConfig':{'clientIP':{'timeoutSeconds':90000}},'ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 90000: must be greater than 0 and less than 86400"),
        arguments("selector value not a label value", SERVICES,
            "{" + SVC + ",'spec':{'selector':{'app':'nginx!'},'ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.selector: Invalid value: \"nginx!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        arguments("externalIP not an IP", SERVICES,
            "{" + SVC + ",'spec':{'externalIPs':['1.2.3'],'ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.externalIPs[0]: Invalid value: \"1.2.3\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
        arguments("loadBalancerSourceRanges not a CIDR", SERVICES,
            "{" + SVC + ",'spec':{'type':'LoadBalancer','loadBalancerSourceRanges':['10.0.0.0/33'],'ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.LoadBalancerSourceRanges[0]: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"),
        arguments("unsupported ipFamilyPolicy", SERVICES,
            "{" + SVC + ",'spec':{'ipFamilyPolicy':'DualStack','ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: spec.ipFamilyPolicy: Unsupported value: \"DualStack\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\""),
        arguments("label key not a qualified name", SERVICES,
            "{'metadata':{'name':'bad','namespace':'default','labels':{'-bad':'x'}},'spec':{'ports':[{'port':80}]}}",
            "Service \"bad\" is invalid: metadata.labels: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        arguments("no ports", SERVICES,
            "{" + SVC + ",'spec':{'selector':{'app':'nginx'}}}",
            "Service \"bad\" is invalid: spec.ports: Required value"),
        arguments("every failing field, in Kubernetes' order", SERVICES,
            "{" + SVC + ",'spec':{'type':'Foo','ports':[{'port':0,'protocol':'HTTP'}]}}",
            "Service \"bad\" is invalid: [spec.ports[0].port: Invalid value: 0: " + PORT_RANGE
                + ", spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""
                + ", spec.ports[0].targetPort: Invalid value: 0: " + PORT_RANGE
                + ", spec.type: Unsupported value: \"Foo\": " + TYPES + "]"),
        // ---- Pod ----
        arguments("pod without containers", PODS,
            "{" + POD + ",'spec':{}}",
            "Pod \"p\" is invalid: spec.containers: Required value"),
        arguments("container name not a DNS label, no image", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'Web'}]}}",
            "Pod \"p\" is invalid: [spec.containers[0].name: Invalid value: \"Web\": " + DNS1123_LABEL
                + ", spec.containers[0].image: Required value]"),
        arguments("duplicate container names", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx'},{'name':'web','image':'busybox'}]}}",
            "Pod \"p\" is invalid: spec.containers[1].name: Duplicate value: \"web\""),
        arguments("containerPort out of range", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx','ports':[{'containerPort':70000}]}]}}",
            "Pod \"p\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: " + PORT_RANGE),
        arguments("container port name not an IANA service name", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx','ports':[{'name':'http-web-server-1','containerPort':80}]}]}}",
            "Pod \"p\" is invalid: spec.containers[0].ports[0].name: Invalid value: \"http-web-server-1\": must be no more than 15 characters"),
        arguments("env var name starts with a digit", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx','env':[{'name':'1BAD','value':'x'}]}]}}",
            "Pod \"p\" is invalid: spec.containers[0].env[0].name: Invalid value: \"1BAD\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"),
        arguments("unsupported restartPolicy", PODS,
            "{" + POD + ",'spec':{'restartPolicy':'Sometimes','containers':[{'name':'web','image':'nginx'}]}}",
            "Pod \"p\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""),
        arguments("probe with two handlers", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx','readinessProbe':{'httpGet':{'port':{'number':80}},'tcpSocket':{'port':{'number':80}}}}]}}",
            "Pod \"p\" is invalid: spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"),
        arguments("probe without a handler", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx','livenessProbe':{'periodSeconds':5}}]}}",
            "Pod \"p\" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type"),
        arguments("liveness successThreshold not 1", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx','livenessProbe':{'tcpSocket':{'port':{'number':80}},'successThreshold':2}}]}}",
            "Pod \"p\" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"),
        // ---- Deployment / ReplicaSet ----
        arguments("selector does not match template labels", DEPLOYMENTS,
            "{'metadata':{'name':'nginx-deployment','namespace':'default'},'spec':{'selector':{'matchLabels':{'app':'nginx'}},"
                + "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'nginx','image':'nginx:1.14.2'}]}}}}",
            "Deployment.apps \"nginx-deployment\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"),
        arguments("deployment without selector", DEPLOYMENTS,
            "{'metadata':{'name':'d','namespace':'default'},'spec':{" + NGINX_TEMPLATE + "}}",
            "Deployment.apps \"d\" is invalid: spec.selector: Required value"),
        arguments("negative replicas", DEPLOYMENTS,
            "{'metadata':{'name':'d','namespace':'default'},'spec':{'replicas':-1,'selector':{'matchLabels':{'app':'nginx'}}," + NGINX_TEMPLATE + "}}",
            "Deployment.apps \"d\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        arguments("maxSurge and maxUnavailable both 0", DEPLOYMENTS,
            "{'metadata':{'name':'d','namespace':'default'},'spec':{'selector':{'matchLabels':{'app':'nginx'}}," + NGINX_TEMPLATE
                + ",'strategy':{'rollingUpdate':{'maxSurge':{'number':0},'maxUnavailable':{'number':0}}}}}",
            "Deployment.apps \"d\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"),
        arguments("unsupported strategy", DEPLOYMENTS,
            "{'metadata':{'name':'d','namespace':'default'},'spec':{'selector':{'matchLabels':{'app':'nginx'}}," + NGINX_TEMPLATE
                + ",'strategy':{'type':'BlueGreen'}}}",
            "Deployment.apps \"d\" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"BlueGreen\", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\""),
        arguments("template restartPolicy not Always", DEPLOYMENTS,
            "{'metadata':{'name':'d','namespace':'default'},'spec':{'selector':{'matchLabels':{'app':'nginx'}},"
                + "'template':{'metadata':{'labels':{'app':'nginx'}},'spec':{'restartPolicy':'Never','containers':[{'name':'nginx','image':'nginx'}]}}}}",
            "Deployment.apps \"d\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""),
        arguments("replicaset selector does not match", REPLICA_SETS,
            "{'metadata':{'name':'frontend','namespace':'default'},'spec':{'selector':{'matchLabels':{'tier':'frontend'}},"
                + "'template':{'metadata':{'labels':{'tier':'backend'}},'spec':{'containers':[{'name':'php','image':'php:8'}]}}}}",
            "ReplicaSet.apps \"frontend\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"tier\":\"backend\"}: `selector` does not match template `labels`"),
        // ---- EndpointSlice / Endpoints ----
        arguments("unsupported addressType", ENDPOINT_SLICES,
            "{'metadata':{'name':'web-abc','namespace':'default'},'addressType':'IP'}",
            "EndpointSlice.discovery.k8s.io \"web-abc\" is invalid: addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\""),
        arguments("IPv6 address in an IPv4 slice", ENDPOINT_SLICES,
            "{'metadata':{'name':'web-abc','namespace':'default'},'addressType':'IPv4','endpoints':[{'addresses':['fd00::1']}]}",
            "EndpointSlice.discovery.k8s.io \"web-abc\" is invalid: endpoints[0].addresses[0]: Invalid value: \"fd00::1\": must be a valid IPv4 address"),
        arguments("endpoint without addresses", ENDPOINT_SLICES,
            "{'metadata':{'name':'web-abc','namespace':'default'},'addressType':'IPv4','endpoints':[{'hostname':'a'}]}",
            "EndpointSlice.discovery.k8s.io \"web-abc\" is invalid: endpoints[0].addresses: Required value: must contain at least 1 address"),
        arguments("endpoints address not an IP", ENDPOINTS,
            "{'metadata':{'name':'web','namespace':'default'},'subsets':[{'addresses':[{'ip':'10.0.0'}],'ports':[{'port':80}]}]}",
            "Endpoints \"web\" is invalid: [subsets[0].addresses[0].ip: Invalid value: \"10.0.0\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
                + ", subsets[0].addresses[0].ip: Invalid value: \"10.0.0\": must be a valid IP address]"),
        // ---- Namespace / Node / Lease / Event ----
        arguments("namespace name with dots", NAMESPACES,
            "{'metadata':{'name':'my.ns'}}",
            "Namespace \"my.ns\" is invalid: metadata.name: Invalid value: \"my.ns\": must not contain dots"),
        arguments("unsupported taint effect", NODES,
            "{'metadata':{'name':'node-1'},'spec':{'taints':[{'key':'k','effect':'Sometimes'}]}}",
            "Node \"node-1\" is invalid: spec.taints[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""),
        arguments("lease duration 0", LEASES,
            "{'metadata':{'name':'leader','namespace':'kube-system'},'spec':{'holderIdentity':'a','leaseDurationSeconds':0}}",
            "Lease.coordination.k8s.io \"leader\" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"),
        arguments("event namespace differs from its object's", EVENTS,
            "{'metadata':{'name':'e1','namespace':'default'},'involvedObject':{'kind':'Pod','namespace':'kube-system','name':'p'},'reason':'Started'}",
            "Event \"e1\" is invalid: involvedObject.namespace: Invalid value: \"kube-system\": does not match event.namespace"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersKubernetesMessage(String name, ResourceKind<?> kind, String json, String expected) {
    assertThat(ApiObjects.createMessage(kind, json)).isEqualTo(expected);
  }
}
