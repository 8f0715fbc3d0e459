package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.search.LuceneSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole-process timing of the search index: indexing a corpus from scratch (the repository
 * built with and without it, so the difference is the index's), then a restart after 1% of the
 * articles changed, and the index's size on disk and on the heap.
 *
 * <pre>{@code
 * java -Xmx3g -cp bench/target/benchmarks.jar dev.broadsheet.bench.SearchIndexing /tmp/corpus100k 100000
 * }</pre>
 */
public final class SearchIndexing {
  private SearchIndexing() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/corpus100k");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    long t0 = System.nanoTime();
    List<Article> articles = SearchData.read(dir, count);
    System.out.printf("read %d articles in %.1f s%n", articles.size(), (System.nanoTime() - t0) / 1e9);
    Path folder = Files.createTempDirectory("search-indexing");

    long before = System.nanoTime();
    long heapWithout;
    try (ArticleRepository plain = ArticleRepository.builder().store(new InMemoryArticleStore(articles)).build()) {
      System.out.printf("repository without search: %.2f s%n", (System.nanoTime() - before) / 1e9);
      heapWithout = heap(plain);
    }

    LuceneSearch first = LuceneSearch.builder().folder(folder).build();
    long start = System.nanoTime();
    long cpu = cpu();
    ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore(articles)).search(first).build();
    System.out.printf("repository with search, from scratch: %.2f s, CPU time of the process %.1f s %s%n",
        (System.nanoTime() - start) / 1e9, (cpu() - cpu) / 1e9, first.lastOpen().orElseThrow());
    long heapWith = heap(repo);
    System.out.printf("heap: %d MB without search, %d MB with it open: %.0f bytes per article%n",
        heapWithout >> 20, heapWith >> 20, (double) (heapWith - heapWithout) / articles.size());
    repo.close();
    System.out.printf("index on disk: %d MB%n", size(folder) >> 20);

    // The same store again, then 1% of the articles saved anew: a new revision for each.
    InMemoryArticleStore store = new InMemoryArticleStore(articles);
    for (int i = 0; i < articles.size(); i += 100) {
      Article a = articles.get(i);
      store.put(a.toBuilder().body(a.body() + "\nCorrection appended.\n").build(), null);
    }
    LuceneSearch second = LuceneSearch.builder().folder(folder).build();
    long restart = System.nanoTime();
    try (ArticleRepository again = ArticleRepository.builder().store(store).search(second).build()) {
      System.out.printf("restart after 1%% changed: %.2f s %s%n", (System.nanoTime() - restart) / 1e9,
          second.lastOpen().orElseThrow());
    }
    System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
  }

  private static long heap(Object keep) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime r = Runtime.getRuntime();
    long used = r.totalMemory() - r.freeMemory();
    return keep.hashCode() == 0 ? used + 1 : used; // keeps {@code keep} reachable while measuring
  }

  /** CPU time of this process so far, all threads, in nanoseconds. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long size(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      long total = 0;
      for (Path f : files.toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }
}
