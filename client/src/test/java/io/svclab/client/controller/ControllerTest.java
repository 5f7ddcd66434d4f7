package io.svclab.client.controller;

import static io.svclab.client.testing.Objects.newService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Service;
import io.svclab.client.actors.ProcessActors;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.informer.Informer;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.testing.FakeApiServer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Informer -> actor -> reconciler, started and stopped as a process would. */
class ControllerTest {
  @Test
  void reconcilesWhatTheInformerSeesAndStops() throws Exception {
    try (FakeApiServer<Service> api = new FakeApiServer<>(ResourceKinds.SERVICES);
        ProcessActors actors = ProcessActors.start("controller test")) {
      api.create(newService("default", "a"));
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:" + api.startTcp());
      Informer<Service> services = new Informer<>(new ResourceClient<>(channel, ResourceKinds.SERVICES));
      Set<String> reconciled = ConcurrentHashMap.newKeySet();
      Controller controller = new Controller(actors, ControllerOptions.named("test controller"), key -> {
        assertThat(services.hasSynced()).isTrue(); // reconciles wait for the caches
        reconciled.add(key);
        return Result.done();
      }).watch(services).start();

      await().until(() -> reconciled.contains("default/a"));
      api.create(newService("kube-system", "b"));
      await().until(() -> reconciled.contains("kube-system/b"));

      CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
        controller.stop();
        services.stop();
      });
      await().atMost(Duration.ofSeconds(60)).until(stopped::isDone);
      assertThat(stopped).isCompleted(); // stopped without an exception
      channel.shutdownNow();
    }
  }

  /** Leadership lost and won back: two controllers of one process stop and start again in the one ActorSystem. */
  @Test
  void controllersShareTheProcessActorsAndStartAgainAfterAStop() throws Exception {
    try (FakeApiServer<Service> api = new FakeApiServer<>(ResourceKinds.SERVICES);
        ProcessActors actors = ProcessActors.start("controller test")) {
      api.create(newService("default", "a"));
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:" + api.startTcp());
      Informer<Service> services = new Informer<>(new ResourceClient<>(channel, ResourceKinds.SERVICES));
      Set<String> first = ConcurrentHashMap.newKeySet();
      Set<String> second = ConcurrentHashMap.newKeySet();
      Controller one = new Controller(actors, ControllerOptions.named("one"), key -> {
        first.add(key);
        return Result.done();
      }).watch(services).start();
      Controller two = new Controller(actors, ControllerOptions.named("two"), key -> {
        second.add(key);
        return Result.done();
      }).watch(services).start();
      await().atMost(Duration.ofSeconds(60)).until(() -> first.contains("default/a") && second.contains("default/a"));

      one.stop();
      first.clear();
      one.start();
      one.enqueue("default/again");
      await().atMost(Duration.ofSeconds(60)).until(() -> first.contains("default/again"));
      two.enqueue("default/still");
      await().atMost(Duration.ofSeconds(60)).until(() -> second.contains("default/still"));
      one.stop();
      two.stop();
      services.stop();
      channel.shutdownNow();
    }
  }
}
