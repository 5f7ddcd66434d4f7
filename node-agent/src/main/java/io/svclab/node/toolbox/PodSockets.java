package io.svclab.node.toolbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/** TCP connections as the pod makes them: bound to the pod IP before connecting, so peers see the pod as the client. */
final class PodSockets {
  private PodSockets() {}

  static Socket connect(ToolCall.Pod pod, InetAddress address, int port, int timeoutMillis) throws IOException {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(InetAddress.getByName(pod.podIp()), 0));
      s.connect(new InetSocketAddress(address, port), timeoutMillis);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }
}
