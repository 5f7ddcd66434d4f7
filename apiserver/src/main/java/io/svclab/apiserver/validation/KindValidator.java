package io.svclab.apiserver.validation;

import com.google.protobuf.Message;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The create and update rules of one kind. */
record KindValidator<T extends Message>(Function<T, List<FieldError>> create, BiFunction<T, T, List<FieldError>> update) {}
