package io.svclab.node.toolbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The lines a filter reads: its file operands in order, or stdin when there are none (or for {@code -}). */
final class TextInput {
  private TextInput() {}

  /** Lines of the files (missing ones reported as {@code name: FILE: No such file or directory}); null entries never. */
  static List<String> lines(ToolCall c, List<String> files, boolean[] failed) {
    List<String> out = new ArrayList<>();
    if (files.isEmpty()) {
      out.addAll(split(read(c.in())));
      return out;
    }
    for (String f : files) {
      if (f.equals("-")) {
        out.addAll(split(read(c.in())));
        continue;
      }
      try {
        out.addAll(split(Files.readString(c.files().apply(f), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        c.err().println(c.name() + ": " + f + ": No such file or directory");
        failed[0] = true;
      }
    }
    return out;
  }

  static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static List<String> split(String text) {
    if (text.isEmpty()) return List.of();
    if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
    return Arrays.asList(text.split("\n", -1));
  }
}
