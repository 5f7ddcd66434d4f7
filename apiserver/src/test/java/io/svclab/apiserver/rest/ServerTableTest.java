package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.svclab.api.v1.FieldsV1;
import io.svclab.api.v1.ManagedFieldsEntry;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTableTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static Service service(String app) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default")
            .setResourceVersion("7").putLabels("app", app)
            .addManagedFields(ManagedFieldsEntry.newBuilder().setManager("kubectl").setOperation("Update")
                .setApiVersion("v1").setFieldsType("FieldsV1")
                .setFieldsV1(FieldsV1.newBuilder().setRaw("{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}}}"))))
        .setSpec(ServiceSpec.newBuilder().setType("ClusterIP").setClusterIp("10.96.0.10")).build();
  }

  private static JsonObject table(Service s, String rv) {
    return JsonParser.parseString(ServerTable.json(ResourceKinds.SERVICES, List.of(s), rv, "", NOW)).getAsJsonObject();
  }

  private static JsonObject rowMetadata(JsonObject table) {
    return table.getAsJsonArray("rows").get(0).getAsJsonObject().getAsJsonObject("object").getAsJsonObject("metadata");
  }

  @Test
  void aRowCarriesItsObjectsWholeMetadataAsPartialObjectMetadata() {
    JsonObject t = table(service("web"), "7");

    JsonObject meta = rowMetadata(t);
    assertThat(meta.get("name").getAsString()).isEqualTo("web");
    assertThat(meta.getAsJsonObject("labels").get("app").getAsString()).isEqualTo("web");
    assertThat(meta.getAsJsonArray("managedFields").get(0).getAsJsonObject().getAsJsonObject("fieldsV1").toString())
        .isEqualTo("{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}}}");
  }

  @Test
  void theSameObjectListedAgainPrintsTheSameTable() {
    Service s = service("web");

    assertThat(ServerTable.json(ResourceKinds.SERVICES, List.of(s), "7", "", NOW))
        .isEqualTo(ServerTable.json(ResourceKinds.SERVICES, List.of(s), "7", "", NOW));
  }

  @Test
  void theTextIsWhatGsonWritesForTheSameTree() {
    String text = ServerTable.json(ResourceKinds.SERVICES, List.of(service("web"), service("api")), "7", "tok", NOW);

    assertThat(JsonParser.parseString(text).toString()).isEqualTo(text);
  }

  @Test
  void columnsRowsAndListMetadataAreKubernetesTableShape() {
    JsonObject t = JsonParser.parseString(ServerTable.json(ResourceKinds.SERVICES, List.of(service("web")), "7",
        "tok", NOW)).getAsJsonObject();

    assertThat(t.get("kind").getAsString()).isEqualTo("Table");
    assertThat(t.get("apiVersion").getAsString()).isEqualTo("meta.k8s.io/v1");
    assertThat(t.getAsJsonObject("metadata").toString()).isEqualTo("{\"resourceVersion\":\"7\",\"continue\":\"tok\"}");
    assertThat(t.getAsJsonArray("columnDefinitions").get(0).toString())
        .isEqualTo("{\"name\":\"NAME\",\"type\":\"string\",\"format\":\"name\",\"description\":\"\",\"priority\":0}");
    assertThat(t.getAsJsonArray("columnDefinitions").get(6).toString())
        .isEqualTo("{\"name\":\"SELECTOR\",\"type\":\"string\",\"format\":\"\",\"description\":\"\",\"priority\":1}");
    JsonObject row = t.getAsJsonArray("rows").get(0).getAsJsonObject();
    assertThat(row.getAsJsonArray("cells").get(0).getAsString()).isEqualTo("web");
    assertThat(row.getAsJsonArray("cells").get(2).getAsString()).isEqualTo("10.96.0.10");
    assertThat(row.getAsJsonObject("object").get("kind").getAsString()).isEqualTo("PartialObjectMetadata");
  }

  @Test
  void aWatchLineCarriesTheTableAsItsObject() {
    String table = ServerTable.json(ResourceKinds.SERVICES, List.of(service("web")), "7", "", NOW);

    JsonObject line = JsonParser.parseString(ServerTable.watchLine("ADDED", table)).getAsJsonObject();

    assertThat(line.get("type").getAsString()).isEqualTo("ADDED");
    assertThat(line.getAsJsonObject("object").toString()).isEqualTo(table);
    assertThat(ServerTable.watchLine("ADDED", table)).endsWith("}\n");
  }

  @Test
  void aChangedObjectPrintsItsNewMetadata() {
    table(service("web"), "7");

    JsonObject t = table(service("api"), "8");

    assertThat(rowMetadata(t).getAsJsonObject("labels").get("app").getAsString()).isEqualTo("api");
  }
}
