package io.svclab.cli.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options every lab JVM starts with, per component: the one place they are chosen (the
 * launcher's own JVM is started by the {@code lab} script, which keeps the same heap rules).
 *
 * <p>Ten JVMs share a learner's 2-core machine beside an editor and a browser, so they are sized
 * for an idle lab, not a server (issue 20, measured with Native Memory Tracking): the heap is
 * given back after a collection (with the JVM's defaults a controller whose live
 * heap is 12-20 MiB kept 30-45 MiB committed, and eden is touched whole between collections);
 * Netty's pooled allocators (the lab's own and gRPC's shaded copy) keep one arena each with
 * 1 MiB chunks instead of one per core with 2-4 MiB chunks. Caps ({@code -Xmx}, metaspace, code
 * cache) are guards sized well above what each component uses, not what it holds.
 *
 * <p>{@code SVCLAB_JVM_OPTIONS} (whitespace-separated) goes after these, so it overrides them:
 * {@code SVCLAB_JVM_OPTIONS=-XX:NativeMemoryTracking=summary ./lab up} for a profile, or the
 * JVM defaults back for {@code ./lab bench memory}'s before-state.
 */
public final class LabJvmOptions {
  /** The environment variable whose options follow the lab's own (and so win). */
  public static final String EXTRA = "SVCLAB_JVM_OPTIONS";

  static final List<String> COMMON = List.of(
      // 24m, not less: from 8m the apiserver's start took 58 young and 10 full collections instead of 30 and 2
      // (-Xlog:gc), for no gain at idle (only touched heap pages are resident)
      "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xms24m",
      // shrink the heap back after a collection: keep at most 30% free, grow when under 10% is
      "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
      // eden, touched whole between minor collections, a quarter of the old generation instead of a half
      "-XX:NewRatio=4",
      "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=32m", "-Xshare:auto",
      "-Dio.netty.allocator.numDirectArenas=1", "-Dio.netty.allocator.numHeapArenas=1",
      "-Dio.netty.allocator.maxOrder=7",
      // gRPC's shaded Netty reads its own, relocated property names
      "-Dio.grpc.netty.shaded.io.netty.allocator.numDirectArenas=1",
      "-Dio.grpc.netty.shaded.io.netty.allocator.numHeapArenas=1",
      "-Dio.grpc.netty.shaded.io.netty.allocator.maxOrder=7");

  /** Heap caps by component kind: the apiserver holds every object and watch cache; a node-agent every pod of its node. */
  private static final Map<String, String> MAX_HEAP = Map.of(
      "apiserver", "-Xmx512m",
      "node-agent", "-Xmx256m");
  private static final String DEFAULT_MAX_HEAP = "-Xmx128m";

  private LabJvmOptions() {}

  /** The options of component {@code name} (e.g. {@code node-agent-2}), then {@code extra}'s. */
  public static List<String> forComponent(String name, String extra) {
    List<String> options = new ArrayList<>(COMMON);
    options.add(maxHeap(name));
    options.addAll(split(extra));
    return List.copyOf(options);
  }

  /** {@code node-agent-2} is a node-agent: the kind is the name without its node number. */
  static String maxHeap(String name) {
    String kind = name.replaceFirst("-[0-9]+$", "");
    return MAX_HEAP.getOrDefault(kind, DEFAULT_MAX_HEAP);
  }

  /** Unset or blank means none. */
  static List<String> split(String extra) {
    return extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
  }
}
