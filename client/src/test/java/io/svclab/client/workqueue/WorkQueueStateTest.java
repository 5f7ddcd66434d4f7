package io.svclab.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scripts of queue operations; every {@code take} records the key handed out ("-" when
 * none is ready), and the takes must match.
 * Ops: {@code add k}, {@code take}, {@code done k}, {@code at k t} (addAt), {@code due t} (promoteDue).
 */
class WorkQueueStateTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an added key is handed out once                      | add a; take; take                                  | a,-",
      "duplicate adds collapse into one                     | add a; add a; add a; take; take                    | a,-",
      "keys come out in FIFO order                          | add a; add b; add c; take; take; take              | a,b,c",
      "a key being processed is not handed out again        | add a; take; add a; take                           | a,-",
      "re-added while processing: queued again on done      | add a; take; add a; done a; take                   | a,a",
      "re-added many times while processing: once more      | add a; take; add a; add a; done a; take; take      | a,a,-",
      "done without re-add leaves nothing                   | add a; take; done a; take                          | a,-",
      "other keys proceed while one is processing           | add a; take; add a; add b; take                    | a,b",
      "delayed key is not ready before its time             | at a 100; due 99; take                             | -",
      "delayed key is ready at its time                     | at a 100; due 100; take                            | a",
      "earliest ready time wins                             | at a 100; at a 50; due 60; take                    | a",
      "later ready time does not postpone                   | at a 50; at a 100; due 60; take                    | a",
      "delayed key already queued is not doubled            | add a; at a 10; due 10; take; take                 | a,-",
      "delayed key due while processing waits for done      | add a; take; at a 10; due 10; take; done a; take   | a,-,a",
      "promotion keeps ready-time order                     | at b 20; at a 10; due 30; take; take               | a,b",
  })
  void script(String name, String ops, String expectedTakes) {
    WorkQueueState<String> q = new WorkQueueState<>();
    List<String> takes = new ArrayList<>();
    for (String op : ops.split(";")) {
      String[] w = op.trim().split(" ");
      switch (w[0]) {
        case "add" -> q.add(w[1]);
        case "take" -> takes.add(q.take().orElse("-"));
        case "done" -> q.done(w[1]);
        case "at" -> q.addAt(w[1], Long.parseLong(w[2]));
        case "due" -> q.promoteDue(Long.parseLong(w[1]));
        default -> throw new IllegalArgumentException(op);
      }
    }
    assertThat(String.join(",", takes)).isEqualTo(expectedTakes);
  }
}
