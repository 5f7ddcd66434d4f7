package io.svclab.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code -h/--help} and examples on every verb, in one place: each verb's usage ends with a few
 * command lines a person can paste (kept here, not in each verb, so a new verb cannot forget them:
 * {@code VerbHelpTest} walks the command tree).
 */
final class VerbHelp {
  private VerbHelp() {}

  static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
      Map.entry("up", List.of("./lab up", "./lab up -v                 # also Lease renewals and per-request lines",
          "./lab up --data /tmp/lab2 --nodes 3")),
      Map.entry("down", List.of("./lab down", "./lab down --data /tmp/lab2")),
      Map.entry("status", List.of("./lab status", "./lab status --data /tmp/lab2")),
      Map.entry("apply", List.of("./lab apply -f web.yaml", "./lab apply -f manifests/",
          "cat web.yaml | ./lab apply -f -")),
      Map.entry("get", List.of("./lab get svc", "./lab get pods -o wide -l app=web", "./lab get endpoints web -w",
          "./lab get svc -A")),
      Map.entry("describe", List.of("./lab describe svc web", "./lab describe pod web-7d4b9c-x2x5q -n default",
          "./lab describe node node-1")),
      Map.entry("delete", List.of("./lab delete -f web.yaml", "./lab delete svc web", "./lab delete deploy/web")),
      Map.entry("logs", List.of("./lab logs apiserver", "./lab logs node-agent-1 -f --tail 20",
          "./lab logs default/web-7d4b9c-x2x5q")),
      Map.entry("scale", List.of("./lab scale deployment web --replicas=3", "./lab scale deployment/web --replicas=1")),
      Map.entry("trace", List.of("./lab trace 127.96.0.10:53/UDP", "./lab trace 127.0.10.1:30080 --node node-2")),
      Map.entry("demo", List.of("./lab demo", "./lab demo clusterip")),
      Map.entry("compose", List.of("./lab compose > docker-compose.yml", "./lab compose --nodes 3")),
      Map.entry("grpcurl", List.of("./lab grpcurl -plaintext 127.0.0.1:6443 list",
          "./lab grpcurl -plaintext 127.0.0.1:6443 describe svclab.api.v1.Services",
          "./lab grpcurl -plaintext -d '{\"namespace\":\"default\"}' 127.0.0.1:6443 svclab.api.v1.Services/List")),
      Map.entry("kubectl", List.of("./lab kubectl get svc", "./lab kubectl apply -f nginx-deployment.yaml",
          "./lab kubectl get pods -n kube-system -o wide")),
      Map.entry("help", List.of("./lab help", "./lab help get")));

  /** Adds {@code -h/--help} to every subcommand that lacks it, and its examples to its usage footer. */
  static CommandLine withHelp(CommandLine root) {
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.optionsMap().get("--help") == null) {
        spec.mixinStandardHelpOptions(true);
      }
      List<String> examples = EXAMPLES.get(spec.name());
      if (examples != null) {
        List<String> footer = new java.util.ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.add("");
        footer.add("Examples:");
        examples.forEach(e -> footer.add("  " + e));
        spec.usageMessage().footer(footer.toArray(String[]::new));
      }
      withHelp(sub);
    }
    return root;
  }
}
