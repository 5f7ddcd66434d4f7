package io.svclab.apiserver.validation;

import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeSpec;
import io.svclab.api.v1.Taint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kubernetes' ValidateNode / ValidateNodeUpdate: name, taints, podCIDRs. */
public final class NodeValidation {
  private NodeValidation() {}

  private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final FieldPath POD_CIDRS = FieldPath.of("spec", "podCIDRs");

  public static List<FieldError> create(Node node) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(node.getMetadata(), false, NameRule.DNS_SUBDOMAIN));
    errs.addAll(spec(node.getSpec()));
    return errs;
  }

  public static List<FieldError> update(Node updated, Node old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(spec(updated.getSpec()));
    List<String> o = podCidrs(old.getSpec());
    // the node IPAM may set podCIDRs once; after that they are fixed
    if (!o.isEmpty() && !o.equals(podCidrs(updated.getSpec()))) {
      errs.add(FieldError.forbidden(POD_CIDRS, "node updates may not change podCIDR except from \"\" to valid"));
    }
    String oldProvider = old.getSpec().getProviderId();
    if (!oldProvider.isEmpty() && !oldProvider.equals(updated.getSpec().getProviderId())) {
      errs.add(FieldError.forbidden(FieldPath.of("spec", "providerID"), "node updates may not change providerID except from \"\" to valid"));
    }
    return errs;
  }

  /** v1's podCIDR is podCIDRs[0] of the internal type Kubernetes validates. */
  private static List<String> podCidrs(NodeSpec spec) {
    return spec.getPodCidrsCount() > 0 || spec.getPodCidr().isEmpty() ? spec.getPodCidrsList() : List.of(spec.getPodCidr());
  }

  private static List<FieldError> spec(NodeSpec spec) {
    List<FieldError> errs = new ArrayList<>(taints(spec.getTaintsList(), FieldPath.of("spec", "taints")));
    List<String> cidrs = podCidrs(spec);
    for (int i = 0; i < cidrs.size(); i++) {
      errs.addAll(IpValidation.cidr(POD_CIDRS.index(i), cidrs.get(i)));
    }
    if (cidrs.size() > 1) {
      long v4 = cidrs.stream().filter(c -> c.contains(".")).count();
      if (cidrs.size() > 2 || v4 != 1) {
        errs.add(FieldError.invalid(POD_CIDRS, BadValue.stringSlice(cidrs), "may specify no more than one CIDR for each IP family"));
      }
    }
    return errs;
  }

  private static List<FieldError> taints(List<Taint> taints, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < taints.size(); i++) {
      Taint t = taints.get(i);
      FieldPath p = path.index(i);
      errs.addAll(LabelValidation.labelName(t.getKey(), p.child("key")));
      List<String> valueErrs = LabelValidation.labelValue(t.getValue());
      if (!valueErrs.isEmpty()) {
        errs.add(FieldError.invalid(p.child("value"), t.getValue(), String.join(";", valueErrs)));
      }
      if (t.getEffect().isEmpty()) {
        errs.add(FieldError.required(p.child("effect"), ""));
      } else if (!TAINT_EFFECTS.contains(t.getEffect())) {
        errs.add(FieldError.notSupported(p.child("effect"), t.getEffect(), TAINT_EFFECTS));
      }
      if (!seen.add(t.getEffect() + "\u0000" + t.getKey())) {
        errs.add(new FieldError(ErrorType.DUPLICATE, p.value(), BadValue.goSyntax(
            "core.Taint{Key:" + GoQuote.quote(t.getKey()) + ", Value:" + GoQuote.quote(t.getValue())
                + ", Effect:" + GoQuote.quote(t.getEffect()) + ", TimeAdded:(*v1.Time)(nil)}"),
            "taints must be unique by key and effect pair"));
      }
    }
    return errs;
  }
}
