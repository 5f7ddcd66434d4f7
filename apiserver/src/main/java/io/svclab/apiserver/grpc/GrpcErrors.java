package io.svclab.apiserver.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;

/** Kubernetes reasons to gRPC status (ApiException's factories choose the code for each reason), with BadRequest field violations for Invalid. */
public final class GrpcErrors {
  private GrpcErrors() {}

  public static StatusRuntimeException toStatus(ApiException e) {
    com.google.rpc.Status.Builder s = com.google.rpc.Status.newBuilder()
        .setCode(e.code().value())
        .setMessage(e.getMessage())
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(e.reason()).setDomain("svclab.io").build()));
    if (!e.violations().isEmpty()) {
      BadRequest.Builder br = BadRequest.newBuilder();
      for (Violation v : e.violations()) {
        br.addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField(v.field()).setDescription(v.rendered()));
      }
      s.addDetails(Any.pack(br.build()));
    }
    return StatusProto.toStatusRuntimeException(s.build());
  }
}
