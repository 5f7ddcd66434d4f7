package io.svclab.client.informer;

import com.google.protobuf.Message;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import io.svclab.client.resource.ResourceKind;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The indexes every informer keeps: by namespace, by label {@code key=value}, by owner uid. */
public final class Indexers {
  private Indexers() {}

  public static final String NAMESPACE = "namespace";
  /** Values are {@code key=value}, one per label. */
  public static final String LABEL = "label";
  /** Values are owner uids from ownerReferences. */
  public static final String OWNER = "owner";

  public static <T extends Message> Map<String, Function<T, Collection<String>>> standard(ResourceKind<T> kind) {
    return Map.of(
        NAMESPACE, o -> List.of(kind.meta(o).getNamespace()),
        LABEL, o -> labelValues(kind.meta(o)),
        OWNER, o -> kind.meta(o).getOwnerReferencesList().stream().map(OwnerReference::getUid).toList());
  }

  public static String labelValue(String key, String value) {
    return key + "=" + value;
  }

  private static List<String> labelValues(ObjectMeta meta) {
    return meta.getLabelsMap().entrySet().stream().map(e -> labelValue(e.getKey(), e.getValue())).toList();
  }
}
