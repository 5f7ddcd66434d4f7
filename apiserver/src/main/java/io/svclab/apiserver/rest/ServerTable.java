package io.svclab.apiserver.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Message;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.json.KubeJson;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.tables.KubectlTables;
import io.svclab.client.tables.Table;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}): the columns
 * and cells of the one table printer {@code ./lab get} uses ({@link KubectlTables}); the columns
 * {@code -o wide} adds are priority 1, so kubectl shows them only then. Each row carries its
 * object's metadata (kubectl's NAMESPACE column, {@code --show-labels}).
 */
public final class ServerTable {
  private ServerTable() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static JsonObject of(ResourceKind<?> kind, List<? extends Message> items, String resourceVersion,
      String continueToken, Instant now) {
    List<String> narrow = KubectlTables.table(kind, List.of(), false, now).headers();
    List<String> wide = KubectlTables.table(kind, List.of(), true, now).headers();
    JsonObject t = new JsonObject();
    t.addProperty("kind", "Table");
    t.addProperty("apiVersion", "meta.k8s.io/v1");
    JsonObject meta = new JsonObject();
    meta.addProperty("resourceVersion", resourceVersion);
    if (continueToken != null && !continueToken.isEmpty()) {
      meta.addProperty("continue", continueToken);
    }
    t.add("metadata", meta);
    JsonArray columns = new JsonArray();
    for (String h : wide) {
      JsonObject c = new JsonObject();
      c.addProperty("name", h);
      c.addProperty("type", "string");
      c.addProperty("format", h.equals("NAME") ? "name" : "");
      c.addProperty("description", "");
      c.addProperty("priority", narrow.contains(h) ? 0 : 1);
      columns.add(c);
    }
    t.add("columnDefinitions", columns);
    JsonArray rows = new JsonArray();
    ResourceKind k = kind;
    for (Message item : items) {
      // one object at a time so each row stays paired with its object (some tables sort)
      Table one = KubectlTables.table(kind, List.of(item), true, now);
      JsonObject row = new JsonObject();
      JsonArray cells = new JsonArray();
      one.rows().get(0).forEach(cells::add);
      row.add("cells", cells);
      JsonObject partial = new JsonObject();
      partial.addProperty("kind", "PartialObjectMetadata");
      partial.addProperty("apiVersion", "meta.k8s.io/v1");
      partial.add("metadata", KubeJson.encode((ObjectMeta) k.meta(item)));
      row.add("object", partial);
      rows.add(row);
    }
    t.add("rows", rows);
    return t;
  }

  /** kubectl asks for a Table with {@code as=Table;g=meta.k8s.io} in its Accept header. */
  public static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
  }
}
