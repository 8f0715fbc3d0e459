package dev.broadsheet.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs an example's main method and captures what it prints. */
final class Output {
  interface Main {
    void run(String[] args) throws Exception;
  }

  private Output() {}

  /** The lines {@code main} printed to standard output. */
  static synchronized List<String> of(Main main, String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      main.run(args);
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
