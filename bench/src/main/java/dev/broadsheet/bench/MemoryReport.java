package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Locale;

/**
 * Heap per article, by difference: settle the heap (several full collections), read the used
 * heap, make one more layer of objects while holding everything made before, settle and read
 * again. What grew is what that layer retains. Bodies are replaced by the empty string first,
 * so the figures do not depend on how long articles are.
 *
 * <pre>
 * java -Xms8g -Xmx8g -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.broadsheet.bench.MemoryReport 100000 1000000
 * </pre>
 */
public final class MemoryReport {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private MemoryReport() {}

  public static void main(String[] args) throws InterruptedException {
    int[] sizes = args.length == 0 ? new int[] {100_000, 1_000_000} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Integer.parseInt(args[i].replace("_", ""));
    }
    System.out.printf(Locale.ROOT, "%10s %10s %10s %10s %10s%n", "articles", "article", "store", "index", "total");
    for (int n : sizes) {
      report(n);
    }
    System.out.println("bytes per article; index = what ArticleRepository.build() adds over a filled store;"
        + " total = articles without bodies + store + index");
  }

  private static void report(int n) throws InterruptedException {
    long base = settledUsed();
    List<Article> articles = BenchData.articles(n);
    articles.replaceAll(a -> a.withBody(""));
    long withArticles = settledUsed();

    InMemoryArticleStore store = new InMemoryArticleStore(articles);
    long withStore = settledUsed();

    ArticleRepository repository = ArticleRepository.builder().store(store).clock(BenchData.CLOCK).build();
    long withIndex = settledUsed();
    Reference.reachabilityFence(repository);
    Reference.reachabilityFence(store);
    Reference.reachabilityFence(articles);

    double per = n;
    System.out.printf(Locale.ROOT, "%10d %10.1f %10.1f %10.1f %10.1f%n", n,
        (withArticles - base) / per, (withStore - withArticles) / per, (withIndex - withStore) / per,
        (withIndex - base) / per);
    repository.close();
  }

  private static long settledUsed() throws InterruptedException {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (i >= 3 && Math.abs(used - last) < 64 * 1024) {
        return used;
      }
      last = used;
    }
    return last;
  }
}
