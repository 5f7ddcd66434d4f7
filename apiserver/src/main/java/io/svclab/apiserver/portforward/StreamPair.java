package io.svclab.apiserver.portforward;

/**
 * The data and error streams of one forwarded connection (one kubectl requestID), as kubelet pairs
 * them: the connection to the pod starts once both are there; a second stream of a kind is an
 * error, reported on the pair's error stream. Stream ids are 0 until the stream arrives.
 */
public record StreamPair(String requestId, int port, int dataStream, int errorStream) {

  public static StreamPair empty(String requestId) {
    return new StreamPair(requestId, 0, 0, 0);
  }

  public sealed interface Outcome permits Added, Duplicate {}

  /** The pair with the stream in it; {@code complete} when both streams are there now. */
  public record Added(StreamPair pair, boolean complete) implements Outcome {}

  /** kubelet's message for a second stream of a type, written on the error stream. */
  public record Duplicate(String message) implements Outcome {}

  public Outcome add(StreamHeaders.Accepted stream, int streamId) {
    boolean data = stream.type().equals(StreamHeaders.DATA);
    if (data ? dataStream != 0 : errorStream != 0) {
      return new Duplicate("error processing stream for request " + requestId + ": " + stream.type()
          + " stream already assigned");
    }
    // the data stream's port is the one forwarded, as kubelet reads it from the data stream
    StreamPair next = data ? new StreamPair(requestId, stream.port(), streamId, errorStream)
        : new StreamPair(requestId, port == 0 ? stream.port() : port, dataStream, streamId);
    return new Added(next, next.dataStream != 0 && next.errorStream != 0);
  }

  /** kubelet's message when the other stream of a pair never came. */
  public String timedOut(String connection) {
    return "(conn=" + connection + ", request=" + requestId + ") timed out waiting for streams";
  }
}
