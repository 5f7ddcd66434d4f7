package io.svclab.e2e.bench;

import java.util.function.IntConsumer;

/**
 * One of the apiserver's two front doors (Kubernetes REST over HTTPS, or gRPC) driven with
 * kubectl-shaped Service calls by the rest benchmark; both doors reach the same registry.
 */
interface FrontDoor extends AutoCloseable {
  String name();

  /** The label every Service of load client number {@code client} carries, so each client lists its own. */
  String CLIENT_LABEL = "bench.svclab.io/client";

  static String clientLabelValue(int client) {
    return "c" + client;
  }

  /** Creates Service {@code name} in default for load client {@code client}; blocks until acknowledged. */
  void create(int client, String name) throws Exception;

  void get(int client, String name) throws Exception;

  /** Lists the Services of {@code client} as {@code kubectl get svc -l} does (REST: as a Table); returns the rows. */
  int list(int client) throws Exception;

  void delete(int client, String name) throws Exception;

  /** Watches Services in default from now on; {@code onAdded} counts ADDED events. */
  AutoCloseable watch(IntConsumer onAdded) throws Exception;
}
