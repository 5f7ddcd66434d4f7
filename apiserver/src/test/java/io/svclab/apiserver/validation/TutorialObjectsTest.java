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

/** The objects of the Kubernetes tutorials (and what svclab's own components write) are valid. */
class TutorialObjectsTest {

  static Stream<Arguments> objects() {
    return Stream.of(
        arguments("nginx Deployment with 2 replicas", DEPLOYMENTS,
            "{'metadata':{'name':'nginx-deployment','namespace':'default','labels':{'app':'nginx'}},'spec':{'replicas':2,"
                + "'selector':{'matchLabels':{'app':'nginx'}},'template':{'metadata':{'labels':{'app':'nginx'}},"
                + "'spec':{'containers':[{'name':'nginx','image':'nginx:1.14.2','ports':[{'containerPort':80}]}]}}}}"),
        arguments("ClusterIP Service app=nginx port 80", SERVICES,
            "{'metadata':{'name':'my-nginx','namespace':'default'},'spec':{'selector':{'app':'nginx'},"
                + "'ports':[{'protocol':'TCP','port':80,'targetPort':{'number':80}}]}}"),
        arguments("NodePort Service on 30080", SERVICES,
            "{'metadata':{'name':'web-nodeport','namespace':'default'},'spec':{'type':'NodePort','selector':{'app':'nginx'},"
                + "'ports':[{'port':80,'targetPort':{'number':80},'nodePort':30080}]}}"),
        arguments("LoadBalancer Service", SERVICES,
            "{'metadata':{'name':'web-lb','namespace':'default'},'spec':{'type':'LoadBalancer','selector':{'app':'nginx'},"
                + "'ports':[{'port':80,'targetPort':{'number':80}}]}}"),
        arguments("LoadBalancer Service with externalTrafficPolicy Local", SERVICES,
            "{'metadata':{'name':'web-local','namespace':'default'},'spec':{'type':'LoadBalancer','externalTrafficPolicy':'Local',"
                + "'selector':{'app':'nginx'},'ports':[{'port':80}]}}"),
        arguments("headless Service (clusterIP None)", SERVICES,
            "{'metadata':{'name':'nginx-headless','namespace':'default'},'spec':{'clusterIP':'None','selector':{'app':'nginx'},"
                + "'ports':[{'port':80}]}}"),
        arguments("ExternalName my.database.example.com", SERVICES,
            "{'metadata':{'name':'my-database','namespace':'prod'},'spec':{'type':'ExternalName','externalName':'my.database.example.com'}}"),
        arguments("multi-port Service with named targetPort", SERVICES,
            "{'metadata':{'name':'web','namespace':'default'},'spec':{'selector':{'app':'web'},'ports':["
                + "{'name':'http','port':80,'targetPort':{'name':'http-web'}},{'name':'https','port':443,'targetPort':{'number':8443}},"
                + "{'name':'dns','port':53,'protocol':'UDP'},{'name':'dns-tcp','port':53,'protocol':'TCP'}]}}"),
        arguments("ClientIP session affinity", SERVICES,
            "{'metadata':{'name':'sticky','namespace':'default'},'spec':{'sessionAffinity':'ClientIP','selector':{'app':'web'},'ports':[{'port':80}]}}"),
        arguments("kube-dns with a fixed ClusterIP", SERVICES,
            "{'metadata':{'name':'kube-dns','namespace':'kube-system'},'spec':{'clusterIP':'127.96.0.10','selector':{'k8s-app':'kube-dns'},"
                + "'ports':[{'name':'dns','port':53,'protocol':'UDP'},{'name':'dns-tcp','port':53,'protocol':'TCP'}]}}"),
        arguments("externalIPs on the local lab's loopback range", SERVICES,
            "{'metadata':{'name':'ext','namespace':'default'},'spec':{'externalIPs':['127.0.10.1'],'selector':{'app':'web'},'ports':[{'port':8080}]}}"),
        arguments("Pod with probes and env", PODS,
            "{'metadata':{'name':'web-0','namespace':'default','labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'agnhost',"
                + "'env':[{'name':'MY_POD_NAME','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}}],"
                + "'ports':[{'name':'http-web','containerPort':8080}],"
                + "'readinessProbe':{'httpGet':{'path':'/healthz','port':{'name':'http-web'}}},"
                + "'livenessProbe':{'tcpSocket':{'port':{'number':8080}},'initialDelaySeconds':3}}]}}"),
        arguments("ReplicaSet frontend", REPLICA_SETS,
            "{'metadata':{'name':'frontend','namespace':'default'},'spec':{'replicas':3,'selector':{'matchLabels':{'tier':'frontend'}},"
                + "'template':{'metadata':{'labels':{'tier':'frontend'}},'spec':{'containers':[{'name':'php-redis','image':'gcr.io/google_samples/gb-frontend:v3'}]}}}}"),
        arguments("Namespace", NAMESPACES, "{'metadata':{'name':'prod'}}"),
        arguments("Node with a podCIDR", NODES,
            "{'metadata':{'name':'node-1','labels':{'kubernetes.io/hostname':'node-1'}},'spec':{'podCIDR':'127.244.1.0/24',"
                + "'taints':[{'key':'node.kubernetes.io/not-ready','effect':'NoSchedule'}]}}"),
        arguments("Endpoints of a Service", ENDPOINTS,
            "{'metadata':{'name':'web','namespace':'default'},'subsets':[{'addresses':[{'ip':'127.244.1.5','nodeName':'node-1'}],"
                + "'notReadyAddresses':[{'ip':'127.244.2.7'}],'ports':[{'name':'http','port':8080},{'name':'https','port':8443}]}]}"),
        arguments("EndpointSlice of a Service", ENDPOINT_SLICES,
            "{'metadata':{'name':'web-x7k2p','namespace':'default','labels':{'kubernetes.io/service-name':'web',"
                + "'endpointslice.kubernetes.io/managed-by':'endpointslice-controller.k8s.io'}},'addressType':'IPv4',"
                + "'endpoints':[{'addresses':['127.244.1.5'],'conditions':{'ready':true},'nodeName':'node-1'}],"
                + "'ports':[{'name':'http','port':8080,'protocol':'TCP'}]}"),
        arguments("Lease for leader election", LEASES,
            "{'metadata':{'name':'endpoints-controller','namespace':'kube-system'},'spec':{'holderIdentity':'a','leaseDurationSeconds':15}}"),
        arguments("Event from service-controller", EVENTS,
            "{'metadata':{'name':'web.17a3','namespace':'default'},'involvedObject':{'kind':'Service','namespace':'default','name':'web'},"
                + "'reason':'EnsuringLoadBalancer','message':'Ensuring load balancer','source':{'component':'service-controller'},'type':'Normal'}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void isValid(String name, ResourceKind<?> kind, String json) {
    assertThat(ApiObjects.createMessage(kind, json)).isEmpty();
  }
}
