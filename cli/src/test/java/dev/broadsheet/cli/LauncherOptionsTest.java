package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the {@code broadsheet} launcher picks for each command, seen by running the
 * script itself, in a copy of the project's layout whose {@code java} only writes down the
 * arguments it was given: a young generation of a 24th of the heap for commands that read every article
 * whole (a first load among them, on a folder without a metadata snapshot), and half the first
 * heap for the others.
 */
class LauncherOptionsTest {
  private static final String SMALL_YOUNG = "-XX:NewRatio=23";

  @TempDir Path temp;

  private Path launcher;
  private Path argsFile;
  private Path content;

  @BeforeEach
  void layout() throws IOException {
    Path project = Files.createDirectories(temp.resolve("project"));
    launcher = project.resolve("broadsheet");
    Files.copy(Path.of("..", "broadsheet"), launcher);
    Path target = Files.createDirectories(project.resolve("cli/target"));
    Path jar = Files.writeString(target.resolve("broadsheet-cli-all.jar"), "");
    Path stamp = Files.writeString(target.resolve(".broadsheet-built"), "");
    Files.createDirectories(project.resolve("examples/content"));
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
    Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
    Path bin = Files.createDirectories(temp.resolve("bin"));
    argsFile = temp.resolve("java-args");
    // Each run's arguments on one line of JAVA_LOG as well, when set; a class list asked for is
    // written, so that the launcher goes on to dump an archive (which this java never makes).
    Path java = Files.writeString(bin.resolve("java"), """
        #!/bin/sh
        printf '%s\\n' "$@" > "$JAVA_ARGS_FILE"
        if [ -n "$JAVA_LOG" ]; then echo "$*" >> "$JAVA_LOG"; fi
        for a in "$@"; do
          case "$a" in -XX:DumpLoadedClassList=*) echo java/lang/Object > "${a#*=}";; esac
        done
        """);
    assertThat(java.toFile().setExecutable(true)).isTrue();
    content = temp.resolve("content");
    Path f = content.resolve("2026/a.md");
    Files.createDirectories(f.getParent());
    Files.writeString(f, """
        ---
        title: An article
        publishedAt: '2026-01-02T08:00:00.000Z'
        ---
        Body.
        """, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
  }

  /** The arguments the launcher passed to {@code java} for {@code args}, with {@code env} set. */
  private List<String> javaArgs(Map<String, String> env, String... args) throws Exception {
    Files.deleteIfExists(argsFile);
    List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.put("PATH", temp.resolve("bin") + ":" + e.getOrDefault("PATH", "/usr/bin:/bin"));
    e.put("JAVA_ARGS_FILE", argsFile.toString());
    e.put("BROADSHEET_CDS", "0");
    e.remove("BROADSHEET_JAVA_OPTS");
    e.remove("JAVA_TOOL_OPTIONS");
    e.remove("JDK_JAVA_OPTIONS");
    e.putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<String> given = Files.readAllLines(argsFile);
    int jarAt = given.indexOf("-jar");
    assertThat(jarAt).as("the launcher runs the jar: %s", given).isNotNegative();
    assertThat(given.subList(jarAt + 2, given.size())).as("the arguments are passed through").containsExactly(args);
    return given.subList(0, jarAt);
  }

  private List<String> javaArgs(String... args) throws Exception {
    return javaArgs(Map.of(), args);
  }

  @Test
  void aFolderWithoutASnapshotIsReadWholeWithASmallYoungGeneration() throws Exception {
    assertThat(javaArgs("query", content.toString(), "--limit", "1"))
        .contains(SMALL_YOUNG, "-XX:TieredStopAtLevel=1").doesNotContain("-XX:NewRatio=1");
    // Options before the folder do not hide it.
    assertThat(javaArgs("query", "--limit", "1", content.toString())).contains(SMALL_YOUNG);
  }

  @Test
  void aFolderWithASnapshotRestartsWithAYoungGenerationThatHoldsIt() throws Exception {
    Cli.Run first = Cli.run("query", content, "--limit", "1", "--format", "ids");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("2026/a");
    assertThat(content.resolve(".broadsheet")).as("the first command left its snapshot").isDirectory();

    assertThat(javaArgs("query", content.toString(), "--limit", "1"))
        .contains("-XX:NewRatio=1").doesNotContain(SMALL_YOUNG);
  }

  @Test
  void commandsThatReadEveryArticleWholeGetASmallYoungGenerationAlways() throws Exception {
    Cli.Run first = Cli.run("query", content, "--limit", "1");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(javaArgs("export", content.toString(), temp.resolve("out").toString()))
        .contains(SMALL_YOUNG).doesNotContain("-XX:NewRatio=1");
    assertThat(javaArgs("check", content.toString())).contains(SMALL_YOUNG);
  }

  /**
   * Whatever the launcher picks, a JVM started with it on a small machine (768 MB) writes nothing
   * of its own to standard output: a first {@code query --format json} there is JSON alone. A
   * young generation given as a size (256 MB) made the JVM warn there that it is as large as the
   * heap, on standard output.
   */
  @Test
  void onASmallMachineTheJvmLeavesStandardOutputToTheCommand() throws Exception {
    for (String[] args : List.of(new String[] {"query", content.toString(), "--limit", "1", "--format", "json"},
        new String[] {"check", content.toString()})) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-XX:MaxRAM=768m");
      command.addAll(javaArgs(args));
      command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path")), BroadsheetCommand.class.getName()));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as("%s", command).doesNotContain("[warning]");
      if (args[0].equals("query")) {
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out).get("items")).hasSize(1);
      }
    }
  }

  @Test
  void theUsersOwnOptionsWin() throws Exception {
    assertThat(javaArgs(Map.of("JAVA_TOOL_OPTIONS", "-Xmn100m"), "query", content.toString()))
        .doesNotContain(SMALL_YOUNG, "-XX:NewRatio=1");
    Cli.Run first = Cli.run("query", content, "--limit", "1");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(javaArgs(Map.of("JDK_JAVA_OPTIONS", "-XX:NewRatio=3"), "query", content.toString()))
        .as("a restart, its young generation sized by the user").doesNotContain(SMALL_YOUNG, "-XX:NewRatio=1");
    assertThat(javaArgs(Map.of("BROADSHEET_JAVA_OPTS", "-Xmx1g"), "query", content.toString()))
        .containsExactly("-Xmx1g");
    assertThat(javaArgs("serve", content.toString())).isEmpty();
  }
  /** Every run of {@code java} by the launcher for {@code args}, with the class archive on. */
  private List<String> javaRuns(Map<String, String> env, String... args) throws Exception {
    Path log = temp.resolve("java-log");
    Files.deleteIfExists(log);
    Map<String, String> e = new java.util.HashMap<>(env);
    e.put("BROADSHEET_CDS", "1");
    e.put("JAVA_LOG", log.toString());
    javaArgs(e, args);
    return Files.readAllLines(log);
  }

  @Test
  void theClassArchiveIsTriedOncePerJarAndDumpedWithTheJvmsDefaultsOrTheUsersOptions() throws Exception {
    List<String> first = javaRuns(Map.of(), "query", content.toString());
    assertThat(first).filteredOn(l -> l.contains("dev.broadsheet.cli.ClassListRun")).hasSize(1);
    assertThat(first).filteredOn(l -> l.contains("-Xshare:dump")).singleElement()
        .as("dumped with the JVM's defaults").asString()
        .doesNotContain("-XX:TieredStopAtLevel", "-XX:+UseParallelGC", "-XX:InitialRAMPercentage", "-XX:NewRatio");
    // This java makes no archive: the next command does not pay for the class list again.
    List<String> second = javaRuns(Map.of(), "query", content.toString());
    assertThat(second).noneMatch(l -> l.contains("ClassListRun") || l.contains("-Xshare:dump")).hasSize(1);

    // A new jar is tried again; the user's options, which may change what the JVM accepts, are the dump's too.
    Path jar = launcher.resolveSibling("cli/target/broadsheet-cli-all.jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plus(1, ChronoUnit.SECONDS)));
    Files.setLastModifiedTime(launcher.resolveSibling("cli/target/.broadsheet-built"),
        FileTime.from(Instant.now().plus(2, ChronoUnit.SECONDS)));
    List<String> user = javaRuns(Map.of("BROADSHEET_JAVA_OPTS", "-Xmx48g"), "query", content.toString());
    assertThat(user).filteredOn(l -> l.contains("-Xshare:dump")).singleElement().asString().contains("-Xmx48g");
  }

}
