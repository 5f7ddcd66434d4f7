package io.svclab.apiserver.registry;

import java.util.List;

/** A page of a List: the items, the revision they are current at, and the token for the next page ("" = last). */
public record ListResult<T>(List<T> items, long revision, String continueToken, long remaining) {}
