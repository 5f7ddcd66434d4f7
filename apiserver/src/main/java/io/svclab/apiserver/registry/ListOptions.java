package io.svclab.apiserver.registry;

/** What List and Watch narrow by: labels, fields, a page (Kubernetes ListOptions). */
public record ListOptions(String namespace, String labelSelector, String fieldSelector, long limit, String continueToken) {}
