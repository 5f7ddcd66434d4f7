package io.svclab.apiserver.errors;

/** One failing field: its path and the whole rendered Kubernetes field error ("spec.type: Unsupported value: ..."). */
public record Violation(String field, String rendered) {}
