package dev.broadsheet.bench;

import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reading one file's frontmatter as an article, single-threaded, over files held in memory: the
 * per-file cost of a cold start once the bytes are read. One operation is one file; the files
 * are taken in turn, so the branch predictor and caches see a realistic mix.
 *
 * <p>{@code dir} is a corpus from {@code gen-corpus.py} (the first {@code count} files in path
 * order); {@code snakeyaml} is the plain approach on the same files, for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ParseBenchmark {
  @Param("/tmp/corpus100k")
  public String dir;

  @Param("4000")
  public int count;

  private final ArticleCodec codec = ArticleCodec.builder().build();
  private byte[][] files;
  private String[] ids;
  private int next;

  @Setup(Level.Trial)
  public void load() throws IOException {
    Path root = Path.of(dir);
    List<Path> paths = SearchData.files(root, count);
    files = new byte[count][];
    ids = new String[count];
    List<String> invalid = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files[i] = Files.readAllBytes(paths.get(i));
      String rel = root.relativize(paths.get(i)).toString();
      ids[i] = rel.substring(0, rel.length() - 3);
      if (!codec.readFrontmatter(ids[i], rel, files[i]).isValid()) {
        invalid.add(rel);
      }
    }
    if (!invalid.isEmpty()) {
      throw new IllegalStateException("invalid files in the corpus: " + invalid);
    }
  }

  private int nextFile() {
    int i = next;
    next = i + 1 == files.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public ArticleResult readFrontmatter() {
    int i = nextFile();
    return codec.readFrontmatter(ids[i], ids[i], files[i]);
  }

  @Benchmark
  public ArticleResult read() {
    int i = nextFile();
    return codec.read(ids[i], ids[i], files[i]);
  }

  @Benchmark
  public Map<?, ?> snakeyaml() {
    int i = nextFile();
    String text = new String(files[i], StandardCharsets.UTF_8);
    int end = text.indexOf("\n---", 4);
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    return yaml.load(text.substring(4, end));
  }
}
