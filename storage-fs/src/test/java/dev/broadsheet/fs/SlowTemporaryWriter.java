package dev.broadsheet.fs;

import dev.broadsheet.fs.internal.AtomicFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A writer in another process that stops halfway: it creates its temporary file next to the
 * target, says "ready", and renames it over the target only once told "go" on standard input.
 * Prints "done" when the rename succeeded.
 */
public final class SlowTemporaryWriter {
  private SlowTemporaryWriter() {}

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    AtomicFiles.replace(target, out -> {
      System.out.println("ready");
      System.out.flush();
      if (!"go".equals(in.readLine())) {
        throw new IllegalStateException("not told to go on");
      }
      out.write(args[1].getBytes(StandardCharsets.UTF_8));
    });
    System.out.println("done");
    System.out.flush();
  }
}
