package io.svclab.apiserver.registry;

/** What List and Watch narrow by (DESIGN.md §3). */
public record ListOptions(String namespace, String labelSelector, String fieldSelector, long limit, String continueToken) {}
