package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus generator the benchmarks load (shared/tools/gen-corpus.py, run at test time into a
 * temporary folder): every file it writes is taken by the fast paths, the direct read of an
 * article and the fast scanner of a document, and each gives exactly what the full parser
 * gives. Skips when python3 or the generator is not there.
 */
class GeneratedCorpusTest {
  private static final int COUNT = 2_000;
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  static Path generator() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("tools").resolve("gen-corpus.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return false; // no such program
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }

  @Test
  void fastPathsTakeEveryGeneratedFileAndAgreeWithTheFullParser(@TempDir Path dir) throws Exception {
    Path generator = generator();
    assumeTrue(generator != null, "shared/tools/gen-corpus.py not found above the working directory; skipping");
    assumeTrue(run(List.of("python3", "--version")), "python3 is not installed; skipping");
    Path out = dir.resolve("corpus");
    assertThat(run(List.of("python3", generator.toString(), out.toString(), "--count", Integer.toString(COUNT),
        "--seed", "11", "--shards", "4"))).as("gen-corpus.py ran").isTrue();
    List<Path> files;
    try (Stream<Path> s = Files.walk(out)) {
      files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    assertThat(files).hasSize(COUNT);
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      String name = out.relativize(f).toString();
      ArticleResult full = CODEC.readWithFullParser("id", name, bytes);
      assertThat(full.isValid()).as("%s is a valid article", name).isTrue();
      assertThat(ArticleScannerTest.assertReadsAlike(CODEC, name, bytes, full, false))
          .as("direct read took %s", name).isTrue();
      FrontmatterDocument fast = CODEC.parser().parse(name, bytes).document();
      assertThat(fast.root()).as("tree of %s", name).isEqualTo(full.document().root());
      assertThat(FastScanner.scan(fast.text(), fast.lineStarts(), fast.yamlStart(), fast.yamlEnd(), 10_000, 32))
          .as("fast scanner took %s", name).isNotNull();
    }
  }
}
