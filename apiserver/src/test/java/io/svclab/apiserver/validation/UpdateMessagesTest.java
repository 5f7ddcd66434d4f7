package io.svclab.apiserver.validation;

import io.svclab.apiserver.allocation.ServiceAllocator;

import static io.svclab.client.resource.ResourceKinds.DEPLOYMENTS;
import static io.svclab.client.resource.ResourceKinds.NODES;
import static io.svclab.client.resource.ResourceKinds.PODS;
import static io.svclab.client.resource.ResourceKinds.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.Message;
import io.svclab.api.v1.Service;
import io.svclab.apiserver.defaults.Defaults;
import io.svclab.apiserver.defaults.ServiceDefaults;
import io.svclab.client.resource.ResourceKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Updates: what may change, and Kubernetes' message when something else does. */
class UpdateMessagesTest {

  private static final String WEB = "'metadata':{'name':'web','namespace':'default','uid':'u1','resourceVersion':'7'}";
  private static final String POD = "'metadata':{'name':'p','namespace':'default','uid':'u1','resourceVersion':'7'}";

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("clusterIP is immutable", SERVICES,
            "{" + WEB + ",'spec':{'clusterIP':'10.96.0.10','ports':[{'port':80}]}}",
            "{" + WEB + ",'spec':{'clusterIP':'10.96.0.11','ports':[{'port':80}]}}",
            "Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set"),
        arguments("resourceVersion is required", SERVICES,
            "{" + WEB + ",'spec':{'clusterIP':'10.96.0.10','ports':[{'port':80}]}}",
            "{'metadata':{'name':'web','namespace':'default','uid':'u1'},'spec':{'clusterIP':'10.96.0.10','ports':[{'port':80}]}}",
            "Service \"web\" is invalid: metadata.resourceVersion: Invalid value: \"\": must be specified for an update"),
        arguments("name is immutable", SERVICES,
            "{" + WEB + ",'spec':{'clusterIP':'10.96.0.10','ports':[{'port':80}]}}",
            "{'metadata':{'name':'web2','namespace':'default','uid':'u1','resourceVersion':'7'},'spec':{'clusterIP':'10.96.0.10','ports':[{'port':80}]}}",
            "Service \"web2\" is invalid: metadata.name: Invalid value: \"web2\": field is immutable"),
        arguments("pod image may change", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx:1.14'}]}}",
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx:1.16'}]}}",
            ""),
        arguments("pod ports may not change", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx','ports':[{'containerPort':80}]}]}}",
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx','ports':[{'containerPort':8080}]}]}}",
            "Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
                + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\nchanged: containers"),
        arguments("scheduler binds an unbound pod by setting nodeName", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx'}]}}",
            "{" + POD + ",'spec':{'nodeName':'node-1','containers':[{'name':'web','image':'nginx'}]}}",
            ""),
        arguments("a bound pod never moves to another node", PODS,
            "{" + POD + ",'spec':{'nodeName':'node-1','containers':[{'name':'web','image':'nginx'}]}}",
            "{" + POD + ",'spec':{'nodeName':'node-2','containers':[{'name':'web','image':'nginx'}]}}",
            "Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
                + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\nchanged: nodeName"),
        arguments("pod may not add containers", PODS,
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx'}]}}",
            "{" + POD + ",'spec':{'containers':[{'name':'web','image':'nginx'},{'name':'side','image':'busybox'}]}}",
            "Pod \"p\" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers"),
        arguments("deployment scale is a normal update", DEPLOYMENTS,
            "{'metadata':{'name':'d','namespace':'default','resourceVersion':'3'},'spec':{'replicas':2,'selector':{'matchLabels':{'app':'nginx'}},"
                + "'template':{'metadata':{'labels':{'app':'nginx'}},'spec':{'containers':[{'name':'nginx','image':'nginx'}]}}}}",
            "{'metadata':{'name':'d','namespace':'default','resourceVersion':'3'},'spec':{'replicas':5,'selector':{'matchLabels':{'app':'nginx'}},"
                + "'template':{'metadata':{'labels':{'app':'nginx'}},'spec':{'containers':[{'name':'nginx','image':'nginx'}]}}}}",
            ""),
        arguments("node podCIDR is fixed once set", NODES,
            "{'metadata':{'name':'node-1','resourceVersion':'3'},'spec':{'podCIDR':'127.244.1.0/24'}}",
            "{'metadata':{'name':'node-1','resourceVersion':'3'},'spec':{'podCIDR':'127.244.2.0/24'}}",
            "Node \"node-1\" is invalid: spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersKubernetesMessage(String name, ResourceKind<?> kind, String oldJson, String newJson, String expected) {
    assertThat(updateMessage(kind, oldJson, newJson)).isEqualTo(expected);
  }

  @Test
  void serviceUpdateWithoutClusterIpKeepsTheAllocatedOne() {
    Service old = Defaults.apply(SERVICES, ApiObjects.parse(SERVICES,
        "{" + WEB + ",'spec':{'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'name':'http','port':80,'nodePort':30080}]}}"));
    Service updated = ApiObjects.parse(SERVICES,
        "{" + WEB + ",'spec':{'type':'NodePort','selector':{'app':'web'},'ports':[{'name':'http','port':80}]}}");

    Service patched = Defaults.apply(SERVICES, ServiceAllocator.carryOver(updated, old));

    assertThat(Validation.validateUpdate(SERVICES, patched, old)).isEmpty();
    assertThat(patched.getSpec().getClusterIpsList()).containsExactly("10.96.0.10");
    assertThat(patched.getSpec().getPorts(0).getNodePort()).isEqualTo(30080);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String updateMessage(ResourceKind<?> kind, String oldJson, String newJson) {
    ResourceKind k = kind;
    Message old = Defaults.apply(k, ApiObjects.parse(k, oldJson));
    Message updated = Defaults.apply(k, ApiObjects.parse(k, newJson));
    List<FieldError> errs = Validation.validateUpdate(k, updated, old);
    return errs.isEmpty() ? "" : InvalidObjectMessage.render(kind, k.meta(updated).getName(), errs);
  }
}
