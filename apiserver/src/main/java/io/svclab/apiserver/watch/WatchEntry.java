package io.svclab.apiserver.watch;

import com.google.protobuf.Message;
import io.svclab.api.v1.EventType;
import io.svclab.client.resource.ResourceKind;

/**
 * One decoded change in the watch window. {@code object} is the new state (for DELETED, the
 * last state, stamped with the deletion's revision); {@code previous} the state before,
 * kept so selector-filtered watches can turn "left the selector" into DELETED.
 */
public record WatchEntry(long revision, ResourceKind<?> kind, EventType type, Message object, Message previous) {}
