package io.svclab.proxy.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A {@link CommandRunner} that records each command and its stdin, and answers as {@code answer} says. */
public final class RecordingRunner implements CommandRunner {
  public record Call(List<String> command, String stdin) {
    public boolean is(String... prefix) {
      return command.size() >= prefix.length && command.subList(0, prefix.length).equals(List.of(prefix));
    }
  }

  public final List<Call> calls = new ArrayList<>();
  public Function<Call, Result> answer;

  public RecordingRunner(Function<Call, Result> answer) {
    this.answer = answer;
  }

  public static Result ok(Call call, String stdout) {
    return new Result(call.command(), 0, stdout, "");
  }

  @Override
  public Result run(String stdin, List<String> command) {
    Call call = new Call(List.copyOf(command), stdin);
    calls.add(call);
    return answer.apply(call);
  }

  public List<Call> drain() {
    List<Call> out = List.copyOf(calls);
    calls.clear();
    return out;
  }
}
