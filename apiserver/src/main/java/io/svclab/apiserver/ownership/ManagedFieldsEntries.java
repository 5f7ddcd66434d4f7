package io.svclab.apiserver.ownership;

import com.google.gson.JsonParser;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.FieldsV1;
import io.svclab.api.v1.ManagedFieldsEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link Ownership} to and from {@code metadata.managedFields} (fieldsType FieldsV1). */
public final class ManagedFieldsEntries {
  private ManagedFieldsEntries() {}

  public static final String FIELDS_V1 = "FieldsV1";

  /** The owners an object's entries name; entries of another fieldsType or unreadable FieldsV1 are dropped, as Kubernetes resets them. */
  public static List<Ownership> read(List<ManagedFieldsEntry> entries) {
    List<Ownership> out = new ArrayList<>();
    for (ManagedFieldsEntry e : entries) {
      if (!e.getFieldsType().equals(FIELDS_V1)) {
        continue;
      }
      try {
        String raw = e.getFieldsV1().getRaw();
        FieldSet fields = raw.isEmpty() ? FieldSet.EMPTY : FieldSet.fromFieldsV1(JsonParser.parseString(raw).getAsJsonObject());
        out.add(new Ownership(e.getManager(), e.getOperation(), e.getApiVersion(),
            Instant.ofEpochSecond(e.getTime().getSeconds()), fields, e.getSubresource()));
      } catch (RuntimeException bad) {
        // a malformed entry is dropped, not a failed write
      }
    }
    return out;
  }

  public static List<ManagedFieldsEntry> write(List<Ownership> owners) {
    return owners.stream().map(o -> ManagedFieldsEntry.newBuilder()
        .setManager(o.manager())
        .setOperation(o.operation())
        .setApiVersion(o.apiVersion())
        .setTime(Timestamp.newBuilder().setSeconds(o.time().getEpochSecond()))
        .setFieldsType(FIELDS_V1)
        .setFieldsV1(FieldsV1.newBuilder().setRaw(o.fields().toFieldsV1().toString()))
        .setSubresource(o.subresource())
        .build()).toList();
  }
}
