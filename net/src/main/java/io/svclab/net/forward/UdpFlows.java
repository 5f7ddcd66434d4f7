package io.svclab.net.forward;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * UDP "connections": each client address has a flow, an upstream datagram channel to one
 * target that carries its datagrams both ways. A flow ends when its channel closes, after
 * {@code idle} without traffic either way, or when its target goes away.
 *
 * @param <T> what a flow is sent to
 */
public final class UdpFlows<T> {
  /** One client's flow. */
  public static final class Flow<T> {
    private final Channel channel;
    private final T target;
    private volatile long lastActive;

    Flow(Channel channel, T target, long now) {
      this.channel = channel;
      this.target = target;
      this.lastActive = now;
    }

    public Channel channel() { return channel; }

    public T target() { return target; }
  }

  private final Map<InetSocketAddress, Flow<T>> flows = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  public UdpFlows() {
    this(System::nanoTime);
  }

  /** @param nanoTime a monotonic clock in nanoseconds */
  public UdpFlows(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** The client's open flow, marked active; null when it has none. */
  public Flow<T> live(InetSocketAddress client) {
    Flow<T> f = flows.get(client);
    if (f == null || !f.channel.isOpen()) return null;
    f.lastActive = nanoTime.getAsLong();
    return f;
  }

  /** Marks the client's flow active (a reply came back). */
  public void touch(InetSocketAddress client) {
    Flow<T> f = flows.get(client);
    if (f != null) f.lastActive = nanoTime.getAsLong();
  }

  /** Records a new flow; it leaves the table when its channel closes, and {@code closed} runs then. */
  public Flow<T> open(InetSocketAddress client, Channel channel, T target, Runnable closed) {
    Flow<T> created = new Flow<>(channel, target, nanoTime.getAsLong());
    flows.put(client, created);
    channel.closeFuture().addListener(f -> {
      flows.remove(client, created);
      closed.run();
    });
    return created;
  }

  /** Closes flows without traffic for {@code idle}. */
  public void closeIdle(Duration idle) {
    long cutoff = nanoTime.getAsLong() - idle.toNanos();
    flows.values().forEach(f -> {
      if (f.lastActive - cutoff < 0) f.channel.close();
    });
  }

  /** Runs {@link #closeIdle} on {@code loop} often enough to end a flow within 1 s of its idle time. */
  public ScheduledFuture<?> closeIdleEvery(EventLoop loop, Duration idle) {
    long period = Math.max(100, Math.min(1000, idle.toMillis() / 2));
    return loop.scheduleAtFixedRate(() -> closeIdle(idle), period, period, TimeUnit.MILLISECONDS);
  }

  /** Closes the flows whose target {@code gone} says is gone. */
  public void closeIf(Predicate<T> gone) {
    flows.values().forEach(f -> {
      if (gone.test(f.target)) f.channel.close();
    });
  }

  public void closeAll() {
    List.copyOf(flows.values()).forEach(f -> f.channel.close());
  }

  public int size() {
    return flows.size();
  }
}
