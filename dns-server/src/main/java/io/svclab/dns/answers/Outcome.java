package io.svclab.dns.answers;

import org.xbill.DNS.Message;

/** What to do with a query: send this reply, or hand the query to the upstream. */
public sealed interface Outcome {
  /** @param reads what the reply read of the index ({@link io.svclab.dns.records.Reads} keys, sorted) */
  record Reply(Message message, long[] reads) implements Outcome {}

  /** The name is outside the zones (or a reverse miss) and an upstream is configured. */
  record Forward() implements Outcome {}

  Forward FORWARD = new Forward();
}
