package dev.broadsheet.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running a main class of these tests with this JVM's class path, talking by lines. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final OutputStream in;

  private ChildJvm(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = process.getOutputStream();
  }

  static ChildJvm start(Class<?> main, String... args) throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(
        javaBin, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
        // HikariCP logs through SLF4J, which has no provider here and would say so in every child.
        "-Dslf4j.internal.verbosity=ERROR",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  Process process() {
    return process;
  }

  /** The next line the child prints; null when it has exited. */
  String readLine() throws IOException {
    return out.readLine();
  }

  /** The next line, which must start with {@code prefix}; returns what follows it. */
  String expect(String prefix) throws IOException {
    String line = readLine();
    if (line == null || !line.startsWith(prefix)) {
      throw new AssertionError("expected a line starting with '" + prefix + "' from the child, got " + line);
    }
    return line.substring(prefix.length()).strip();
  }

  void send(String line) throws IOException {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Waits for the child to exit on its own; returns its exit code. */
  int await(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not exit within " + seconds + " s");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }
}
