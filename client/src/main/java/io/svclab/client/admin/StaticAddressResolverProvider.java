package io.svclab.client.admin;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Resolves {@code svclab-static:///host:port,host:port} to every listed address, in order, so that
 * gRPC's default pick_first policy connects to the first one that answers and, when that connection
 * drops, reconnects to the first live one again. The list is the target itself, so the provider is
 * stateless and registered once ({@link ApiChannels}). Names are looked up on each resolution
 * (gRPC asks again after a connection is lost); IP literals need no lookup.
 */
final class StaticAddressResolverProvider extends NameResolverProvider {
  static final String SCHEME = "svclab-static";

  /** The channel target for a list of TCP addresses. */
  static String target(ApiTargets targets) {
    try {
      // the multi-argument constructor quotes what a path may not hold ([ ] of IPv6 literals)
      return new URI(SCHEME, "", "/" + targets, null).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  /** Below dns (5): the registry's default scheme for bare targets must stay dns. */
  @Override
  protected int priority() {
    return 1;
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }

  @Override
  public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
    if (!SCHEME.equals(targetUri.getScheme()) || targetUri.getPath() == null || targetUri.getPath().length() < 2) {
      return null;
    }
    return new StaticResolver(ApiTargets.parse(targetUri.getPath().substring(1)));
  }

  private static final class StaticResolver extends NameResolver {
    private final ApiTargets targets;
    private Listener2 listener;

    StaticResolver(ApiTargets targets) {
      this.targets = targets;
    }

    @Override
    public String getServiceAuthority() {
      return targets.tcp().get(0).authority();
    }

    @Override
    public void start(Listener2 listener) {
      this.listener = listener;
      resolve();
    }

    @Override
    public void refresh() {
      resolve();
    }

    private void resolve() {
      List<EquivalentAddressGroup> groups = new ArrayList<>();
      for (ApiTarget.Tcp t : targets.tcp()) {
        InetSocketAddress address = new InetSocketAddress(t.host(), t.port());
        if (!address.isUnresolved()) { // a name that does not resolve now is skipped, the others still serve
          groups.add(new EquivalentAddressGroup(address));
        }
      }
      if (groups.isEmpty()) {
        listener.onError(Status.UNAVAILABLE.withDescription("no address of " + targets + " resolves"));
        return;
      }
      listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
    }

    @Override
    public void shutdown() {}
  }
}
