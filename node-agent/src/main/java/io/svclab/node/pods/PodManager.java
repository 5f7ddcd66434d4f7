package io.svclab.node.pods;

import io.svclab.api.v1.Pod;
import io.svclab.client.kube.MirrorPods;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The node's pods: one {@link PodWorker} child per pod uid, and the pod IP allocator (an IP is
 * held from the worker's start until it stops). On start-up the agent first sends
 * {@link Adopt} with every pod already bound here, so pods that had IPs get them back before
 * any new pod is given one.
 */
public final class PodManager {
  public sealed interface Msg {}

  /** The pods bound to this node at start-up (their status.podIP is re-claimed first). */
  public record Adopt(List<Pod> pods) implements Msg {}

  public record Upsert(Pod pod) implements Msg {}

  public record Removed(Pod pod) implements Msg {}

  record WorkerStopped(String uid, String key) implements Msg {}

  private final ActorContext<Msg> ctx;
  private final PodRuntime rt;
  private final PodIpAllocator ips;
  private final Map<String, ActorRef<PodWorker.Msg>> workers = new HashMap<>();

  private PodManager(ActorContext<Msg> ctx, PodRuntime rt, PodIpAllocator ips) {
    this.ctx = ctx;
    this.rt = rt;
    this.ips = ips;
  }

  public static Behavior<Msg> create(PodRuntime rt, PodIpAllocator ips) {
    return Behaviors.setup(ctx -> new PodManager(ctx, rt, ips).receive());
  }

  private Behavior<Msg> receive() {
    return Behaviors.receive(Msg.class)
        .onMessage(Adopt.class, this::onAdopt)
        .onMessage(Upsert.class, m -> onUpsert(m.pod()))
        .onMessage(Removed.class, this::onRemoved)
        .onMessage(WorkerStopped.class, this::onWorkerStopped)
        .build();
  }

  private static String key(Pod p) {
    return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
  }

  private Behavior<Msg> onAdopt(Adopt m) {
    for (Pod p : m.pods()) {
      if (MirrorPods.isMirror(p)) {
        continue;  // its IP is the node's, not one of the pod CIDR's
      }
      String ip = p.getStatus().getPodIp();
      if (!ip.isEmpty() && !ips.reserve(p.getMetadata().getUid(), ip)) {
        ctx.getLog().warn("{}: cannot re-adopt pod IP {} (outside {} or taken)", key(p), ip, ips.cidr());
      }
    }
    m.pods().forEach(this::onUpsert);
    return Behaviors.same();
  }

  private Behavior<Msg> onUpsert(Pod pod) {
    if (MirrorPods.isMirror(pod)) {
      return Behaviors.same();  // runs already (a lab process): a mirror pod is only its API view
    }
    String uid = pod.getMetadata().getUid();
    ActorRef<PodWorker.Msg> worker = workers.get(uid);
    if (worker != null) {
      worker.tell(new PodWorker.PodChanged(pod));
      return Behaviors.same();
    }
    String phase = pod.getStatus().getPhase();
    if ((phase.equals("Succeeded") || phase.equals("Failed")) && !pod.getStatus().getPodIp().isEmpty()) {
      // finished before this agent (re)started: nothing to run; a deleted one only needs its final delete
      if (pod.getMetadata().hasDeletionTimestamp()) {
        rt.api().finish(pod, pod.getStatus());
      }
      ips.release(uid);
      return Behaviors.same();
    }
    String previous = pod.getStatus().getPodIp();
    Optional<String> ip = !previous.isEmpty() && ips.reserve(uid, previous) ? Optional.of(previous) : ips.allocate(uid);
    if (ip.isEmpty()) {
      ctx.getLog().warn("{}: no free pod IP in {}; the pod stays Pending", key(pod), ips.cidr());
      return Behaviors.same();
    }
    ActorRef<PodWorker.Msg> ref = ctx.spawn(PodWorker.create(rt, pod, ip.get()), "pod-" + uid);
    ctx.watchWith(ref, new WorkerStopped(uid, key(pod)));
    workers.put(uid, ref);
    rt.metrics().pods.set(workers.size());
    return Behaviors.same();
  }

  private Behavior<Msg> onRemoved(Removed m) {
    ActorRef<PodWorker.Msg> worker = workers.get(m.pod().getMetadata().getUid());
    if (worker != null) {
      worker.tell(new PodWorker.PodRemoved());
    }
    return Behaviors.same();
  }

  private Behavior<Msg> onWorkerStopped(WorkerStopped m) {
    workers.remove(m.uid());
    ips.release(m.uid());
    rt.metrics().pods.set(workers.size());
    if (rt.api() instanceof ApiPodWriter w) {
      w.forget(m.uid());
    }
    return Behaviors.same();
  }
}
