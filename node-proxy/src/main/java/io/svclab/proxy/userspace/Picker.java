package io.svclab.proxy.userspace;

import io.svclab.proxy.snapshot.Endpoint;
import java.util.Set;

/** Picks the endpoint for a new connection from a route; null when none is usable. */
interface Picker {
  Endpoint pick(Route route, String clientIp, Set<String> exclude);
}
