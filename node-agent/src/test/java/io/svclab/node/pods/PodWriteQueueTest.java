package io.svclab.node.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import io.svclab.node.pods.PodWriteQueue.PodWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodWriteQueueTest {
  private static PodWrite status(String pod, String phase) {
    return write(pod, phase, false);
  }

  private static PodWrite finish(String pod, String phase) {
    return write(pod, phase, true);
  }

  private static PodWrite write(String pod, String phase, boolean finish) {
    return new PodWrite(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(pod)).build(),
        PodStatus.newBuilder().setPhase(phase).build(), finish);
  }

  /** Everything next() hands out now, as "pod:phase" (with "+finish" for a finish). */
  private static List<String> drain(PodWriteQueue q) {
    List<String> out = new ArrayList<>();
    for (Optional<PodWrite> w = q.next(); w.isPresent(); w = q.next()) {
      out.add(w.get().pod().getMetadata().getName() + ":" + w.get().status().getPhase() + (w.get().finish() ? "+finish" : ""));
    }
    return out;
  }

  @Test
  void differentPodsGoOutTogetherInArrivalOrder() {
    PodWriteQueue q = new PodWriteQueue(8);
    q.offer(status("a", "Pending"));
    q.offer(status("b", "Pending"));
    q.offer(status("c", "Running"));
    assertThat(drain(q)).containsExactly("a:Pending", "b:Pending", "c:Running");
    assertThat(q.inFlight()).isEqualTo(3);
  }

  @Test
  void thePodsLatestStatusReplacesTheQueuedOneAndKeepsItsPlace() {
    PodWriteQueue q = new PodWriteQueue(8);
    q.offer(status("a", "Pending"));
    q.offer(status("b", "Pending"));
    q.offer(status("a", "Running"));
    assertThat(drain(q)).containsExactly("a:Running", "b:Pending");
  }

  @Test
  void aPodsNextWriteWaitsUntilItsWriteInFlightCameBack() {
    PodWriteQueue q = new PodWriteQueue(8);
    q.offer(status("a", "Pending"));
    PodWrite first = q.next().orElseThrow();
    q.offer(status("a", "Running"));
    q.offer(status("b", "Pending"));
    assertThat(drain(q)).containsExactly("b:Pending");
    q.done(first);
    assertThat(drain(q)).containsExactly("a:Running");
  }

  @Test
  void noMoreThanMaxInFlightAreOut() {
    PodWriteQueue q = new PodWriteQueue(2);
    q.offer(status("a", "Pending"));
    q.offer(status("b", "Pending"));
    q.offer(status("c", "Pending"));
    List<String> out = drain(q);
    assertThat(out).containsExactly("a:Pending", "b:Pending");
    q.done(status("a", "Pending"));
    assertThat(drain(q)).containsExactly("c:Pending");
  }

  @Test
  void aQueuedFinishIsNotReplacedByAStatus() {
    PodWriteQueue q = new PodWriteQueue(8);
    q.offer(finish("a", "Succeeded"));
    assertThat(q.offer(status("a", "Running"))).isFalse();
    assertThat(drain(q)).containsExactly("a:Succeeded+finish");
  }

  @Test
  void aFinishReplacesAQueuedStatus() {
    PodWriteQueue q = new PodWriteQueue(8);
    q.offer(status("a", "Running"));
    assertThat(q.offer(finish("a", "Failed"))).isTrue();
    assertThat(drain(q)).containsExactly("a:Failed+finish");
  }

  @Test
  void aRetryGivesWayToANewerWriteOfThePod() {
    PodWriteQueue q = new PodWriteQueue(8);
    q.offer(status("a", "Pending"));
    PodWrite failed = q.next().orElseThrow();
    q.done(failed);
    q.offer(status("a", "Running"));
    q.retry(failed);
    assertThat(drain(q)).containsExactly("a:Running");
    q.done(status("a", "Running"));
    q.retry(failed);
    assertThat(drain(q)).containsExactly("a:Pending");
  }

  @Test
  void needsRoomForOneWrite() {
    assertThatThrownBy(() -> new PodWriteQueue(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
