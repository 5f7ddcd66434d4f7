package io.svclab.client.json;

import com.google.protobuf.Message;
import io.svclab.client.resource.ResourceKind;
import java.util.List;

/** One document of a manifest: its kind, the object, and fields svclab does not model (warned, then dropped). */
public record DecodedObject(ResourceKind<?> kind, Message object, List<String> unknownFields) {}
