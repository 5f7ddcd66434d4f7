package io.svclab.net.forward;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects a client's upstream: tries one target after another until one connects, the attempts
 * run out, or the client goes away. Which target comes next, how a channel is opened and what
 * success and failure do are the caller's; a failed upstream channel is closed here.
 *
 * @param <T> what a target is (an endpoint, a node's address)
 */
public final class RetryingConnect<T> {
  /** The target to try after {@code tried} (in the order tried), or null when there is none. */
  @FunctionalInterface
  public interface Targets<T> {
    T next(List<T> tried);
  }

  /** Opens an upstream channel to {@code target}; the future completes once it is connected. */
  @FunctionalInterface
  public interface Dial<T> {
    ChannelFuture dial(T target);
  }

  public interface Outcome<T> {
    /** Connected while the client is still there: the caller splices the two channels. */
    void connected(T target, Channel upstream);

    /** One attempt failed ({@code attempt} counts from 1); another may follow. */
    default void attemptFailed(T target, Throwable cause, int attempt) {}

    /** Nothing (more) to try; {@code tried} is empty when there was no target at all. */
    void gaveUp(List<T> tried);
  }

  private final Channel client;
  private final int maxAttempts;
  private final Targets<T> targets;
  private final Dial<T> dial;
  private final Outcome<T> outcome;

  private RetryingConnect(Channel client, int maxAttempts, Targets<T> targets, Dial<T> dial, Outcome<T> outcome) {
    this.client = client;
    this.maxAttempts = maxAttempts;
    this.targets = targets;
    this.dial = dial;
    this.outcome = outcome;
  }

  /** Starts the first attempt; everything after it runs on the channels' event loops. */
  public static <T> void start(Channel client, int maxAttempts, Targets<T> targets, Dial<T> dial, Outcome<T> outcome) {
    new RetryingConnect<>(client, maxAttempts, targets, dial, outcome).attempt(List.of());
  }

  private void attempt(List<T> tried) {
    T target = targets.next(tried);
    if (target == null) {
      outcome.gaveUp(tried);
      return;
    }
    dial.dial(target).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        if (client.isActive()) {
          outcome.connected(target, f.channel());
        } else {
          f.channel().close();
        }
        return;
      }
      f.channel().close();
      List<T> now = new ArrayList<>(tried);
      now.add(target);
      outcome.attemptFailed(target, f.cause(), now.size());
      if (now.size() < maxAttempts && client.isActive()) {
        attempt(List.copyOf(now));
      } else {
        outcome.gaveUp(List.copyOf(now));
      }
    });
  }
}
