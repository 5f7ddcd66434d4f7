package io.svclab.apiserver.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A message already in its protobuf wire form, sent as these bytes by
 * {@link SerializedMessageMarshaller}: what many streams send alike (one watch event to every
 * watcher) is serialized once and shared, never copied or re-encoded per stream.
 */
record SerializedMessage(byte[] bytes) {
  /** The bytes as gRPC's framer wants them: length known up front, drained straight into its buffer. */
  InputStream stream() {
    return new Stream(bytes);
  }

  private static final class Stream extends ByteArrayInputStream implements KnownLength, Drainable {
    Stream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = count - pos;
      target.write(buf, pos, n);
      pos = count;
      return n;
    }
  }
}
