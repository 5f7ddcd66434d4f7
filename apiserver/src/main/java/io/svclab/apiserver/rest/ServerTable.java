package io.svclab.apiserver.rest;

import com.google.common.collect.MapMaker;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import com.google.protobuf.Message;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.json.KubeJson;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.tables.KubectlTables;
import io.svclab.client.tables.Table;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Server-side printing ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}): the columns
 * and cells of the one table printer {@code ./lab get} uses ({@link KubectlTables}); the columns
 * {@code -o wide} adds are priority 1, so kubectl shows them only then. Each row carries its
 * object's metadata (kubectl's NAMESPACE column, {@code --show-labels}).
 *
 * <p>Written straight to JSON text, as Gson writes a tree ({@code JsonElement.toString}), because
 * a list as a Table is the REST door's largest answer: the metadata of each row (managedFields
 * included) is encoded once per object and kept as text, and the column definitions once per kind.
 * Reads hand out the same decoded object until it changes (registry's {@code DecodedObjects}), so
 * the text is reused until then; the AGE cell, which moves with the clock, is written every time.
 */
public final class ServerTable {
  /** Each object's row metadata as JSON text; weak identity keys: an entry lives as long as its object. */
  private static final ConcurrentMap<ObjectMeta, String> ROW_METADATA = new MapMaker().weakKeys().makeMap();
  private static final Map<ResourceKind<?>, String> COLUMNS = new ConcurrentHashMap<>();

  private ServerTable() {}

  /** The Table of {@code items} as JSON text. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static String json(ResourceKind<?> kind, List<? extends Message> items, String resourceVersion,
      String continueToken, Instant now) {
    StringWriter text = new StringWriter(512 + 1024 * items.size());
    ResourceKind k = kind;
    try (JsonWriter w = new JsonWriter(text)) {
      w.setStrictness(Strictness.LENIENT);  // as Gson's JsonElement.toString writes
      w.beginObject();
      w.name("kind").value("Table");
      w.name("apiVersion").value("meta.k8s.io/v1");
      w.name("metadata").beginObject().name("resourceVersion").value(resourceVersion);
      if (continueToken != null && !continueToken.isEmpty()) {
        w.name("continue").value(continueToken);
      }
      w.endObject();
      w.name("columnDefinitions").jsonValue(COLUMNS.computeIfAbsent(kind, ServerTable::columns));
      w.name("rows").beginArray();
      for (Message item : items) {
        // one object at a time so each row stays paired with its object (some tables sort)
        Table one = KubectlTables.table(kind, List.of(item), true, now);
        w.beginObject().name("cells").beginArray();
        for (String cell : one.rows().get(0)) {
          w.value(cell);
        }
        w.endArray();
        w.name("object").beginObject();
        w.name("kind").value("PartialObjectMetadata");
        w.name("apiVersion").value("meta.k8s.io/v1");
        w.name("metadata").jsonValue(ROW_METADATA.computeIfAbsent((ObjectMeta) k.meta(item),
            meta -> KubeJson.encode(meta).toString()));
        w.endObject().endObject();
      }
      w.endArray();
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);  // a StringWriter does not fail
    }
    return text.toString();
  }

  private static String columns(ResourceKind<?> kind) {
    List<String> narrow = KubectlTables.table(kind, List.of(), false, Instant.EPOCH).headers();
    List<String> wide = KubectlTables.table(kind, List.of(), true, Instant.EPOCH).headers();
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
    return columns.toString();
  }

  /** A watch event line carrying a one-row Table ({@code type} is one of the fixed event names). */
  static String watchLine(String type, String table) {
    return "{\"type\":\"" + type + "\",\"object\":" + table + "}\n";
  }

  /** kubectl asks for a Table with {@code as=Table;g=meta.k8s.io} in its Accept header. */
  public static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
  }
}
