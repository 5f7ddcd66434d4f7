package io.svclab.apiserver.events;

import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventsV1Event;

/**
 * The two shapes of one Event, converted as Kubernetes converts them
 * (pkg/apis/events/v1/conversion.go): {@code regarding} is {@code involvedObject}, {@code note} is
 * {@code message}, {@code reportingController} is {@code reportingComponent}, the {@code deprecated*}
 * fields are core's {@code source}, {@code firstTimestamp}, {@code lastTimestamp} and {@code count};
 * the rest carry the same name. Events are stored in the core/v1 shape only.
 */
public final class EventConversion {
  private EventConversion() {}

  public static final String API_VERSION = "events.k8s.io/v1";

  /** A stored (core/v1) Event as events.k8s.io/v1 serves it. */
  public static EventsV1Event toEventsV1(Event in) {
    EventsV1Event.Builder out = EventsV1Event.newBuilder()
        .setReportingController(in.getReportingComponent())
        .setReportingInstance(in.getReportingInstance())
        .setAction(in.getAction())
        .setReason(in.getReason())
        .setNote(in.getMessage())
        .setType(in.getType())
        .setDeprecatedCount(in.getCount());
    if (!in.getApiVersion().isEmpty()) {
      out.setApiVersion(API_VERSION).setKind("Event");
    }
    if (in.hasMetadata()) out.setMetadata(in.getMetadata());
    if (in.hasEventTime()) out.setEventTime(in.getEventTime());
    if (in.hasSeries()) out.setSeries(in.getSeries());
    if (in.hasInvolvedObject()) out.setRegarding(in.getInvolvedObject());
    if (in.hasRelated()) out.setRelated(in.getRelated());
    if (in.hasSource()) out.setDeprecatedSource(in.getSource());
    if (in.hasFirstTimestamp()) out.setDeprecatedFirstTimestamp(in.getFirstTimestamp());
    if (in.hasLastTimestamp()) out.setDeprecatedLastTimestamp(in.getLastTimestamp());
    return out.build();
  }

  /** An events.k8s.io/v1 Event as it is stored (core/v1). */
  public static Event toCore(EventsV1Event in) {
    Event.Builder out = Event.newBuilder()
        .setReportingComponent(in.getReportingController())
        .setReportingInstance(in.getReportingInstance())
        .setAction(in.getAction())
        .setReason(in.getReason())
        .setMessage(in.getNote())
        .setType(in.getType())
        .setCount(in.getDeprecatedCount());
    if (!in.getApiVersion().isEmpty()) {
      out.setApiVersion("v1").setKind("Event");
    }
    if (in.hasMetadata()) out.setMetadata(in.getMetadata());
    if (in.hasEventTime()) out.setEventTime(in.getEventTime());
    if (in.hasSeries()) out.setSeries(in.getSeries());
    if (in.hasRegarding()) out.setInvolvedObject(in.getRegarding());
    if (in.hasRelated()) out.setRelated(in.getRelated());
    if (in.hasDeprecatedSource()) out.setSource(in.getDeprecatedSource());
    if (in.hasDeprecatedFirstTimestamp()) out.setFirstTimestamp(in.getDeprecatedFirstTimestamp());
    if (in.hasDeprecatedLastTimestamp()) out.setLastTimestamp(in.getDeprecatedLastTimestamp());
    return out.build();
  }
}
