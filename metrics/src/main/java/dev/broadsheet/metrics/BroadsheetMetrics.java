package dev.broadsheet.metrics;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.RepositoryObserver;
import dev.broadsheet.RepositoryObserver.Operation;
import dev.broadsheet.RepositoryObserver.Outcome;
import dev.broadsheet.markdown.render.ArticleRenderer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of an {@link ArticleRepository} (and of an {@link ArticleRenderer}'s cache),
 * for any host: one with Spring Boot (whose starter binds it by itself) or without.
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();          // or the host's own
 * BroadsheetMetrics metrics = BroadsheetMetrics.bind(repository, registry);
 * BroadsheetMetrics rendering = BroadsheetMetrics.bind(renderer, registry, Tags.empty());
 * ...
 * metrics.close();                                             // stops observing, removes the meters
 * }</pre>
 *
 * <p>Meters of a repository, each tagged {@code store} ({@link ArticleRepository#storeName()}:
 * {@code file}, {@code postgres}, {@code inmemory}, unless the tags given name one) and with the
 * tags given:
 *
 * <ul>
 *   <li>{@code broadsheet.queries} (timer): {@code operation} {@code query}, {@code count}, {@code
 *       facets} or {@code related}; {@code outcome} {@code ok}, {@code invalid} (a query the
 *       repository refused) or {@code failed}.
 *   <li>{@code broadsheet.loads} (timer): articles read by id or for a page, {@code from} {@code
 *       memory} (the index held the whole article) or {@code store} (it was read from the store).
 *   <li>{@code broadsheet.saves} (timer): {@code operation} {@code save} or {@code delete};
 *       {@code outcome} {@code ok}, {@code conflict} (a stale expected revision), {@code invalid}
 *       or {@code failed}.
 *   <li>{@code broadsheet.cache.gets} (function counter) with {@code cache=index} and {@code
 *       result} {@code hit} or {@code miss}, and {@code broadsheet.cache.hit.ratio} (gauge, 0 to
 *       1): how many loads the in-memory index answered.
 *   <li>{@code broadsheet.articles} and {@code broadsheet.problems} (gauges): the articles the
 *       repository holds, of any visibility, and the problems of what its store cannot serve.
 * </ul>
 *
 * <p>Of a renderer, with {@code cache=renderer}: {@code broadsheet.cache.gets}, {@code
 * broadsheet.cache.hit.ratio}, {@code broadsheet.cache.evictions} and {@code
 * broadsheet.cache.size}.
 *
 * <p>Timers publish what the registry's configuration asks for; add percentiles or histograms
 * with a {@code MeterFilter}. With nothing bound, a repository does not read the clock for any
 * of this. Thread-safe.
 *
 * @since 0.1.0
 */
public final class BroadsheetMetrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final RepositoryObserver.@Nullable Registration registration;
  private final AtomicBoolean closed = new AtomicBoolean();

  private BroadsheetMetrics(MeterRegistry registry, @Nullable Binder binder, @Nullable ArticleRepository repository) {
    this.registry = registry;
    this.registration = binder == null || repository == null ? null : repository.observe(binder);
  }

  /**
   * Binds the meters of {@code repository} to {@code registry}, tagged with its store's name.
   *
   * @return what {@link #close() closes} them again
   */
  public static BroadsheetMetrics bind(ArticleRepository repository, MeterRegistry registry) {
    return bind(repository, registry, Tags.empty());
  }

  /**
   * Binds the meters of {@code repository} to {@code registry} with {@code tags} as well; a
   * {@code store} tag among them replaces the store's name (for two repositories on stores of
   * one kind, say).
   *
   * @return what {@link #close() closes} them again
   */
  public static BroadsheetMetrics bind(ArticleRepository repository, MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(tags, "tags");
    Tags all = Tags.of("store", repository.storeName()).and(tags);
    Binder binder = new Binder(registry, all);
    BroadsheetMetrics m = new BroadsheetMetrics(registry, binder, repository);
    binder.owner = m;
    m.add(Gauge.builder("broadsheet.articles", repository, ArticleRepository::size)
        .description("Articles the repository holds, of any visibility").tags(all).register(registry));
    m.add(Gauge.builder("broadsheet.problems", repository, r -> r.problems().size())
        .description("Problems of what the store cannot serve (broken files, say)").tags(all).register(registry));
    Tags index = all.and("cache", "index");
    m.add(FunctionCounter.builder("broadsheet.cache.gets", binder.hits, LongAdder::doubleValue)
        .description("Loads the in-memory index answered (hit) or left to the store (miss)")
        .tags(index.and("result", "hit")).register(registry));
    m.add(FunctionCounter.builder("broadsheet.cache.gets", binder.misses, LongAdder::doubleValue)
        .description("Loads the in-memory index answered (hit) or left to the store (miss)")
        .tags(index.and("result", "miss")).register(registry));
    m.add(Gauge.builder("broadsheet.cache.hit.ratio", binder, Binder::hitRatio)
        .description("Hits over loads; 1 before the first").tags(index).register(registry));
    return m;
  }

  /**
   * Binds the meters of {@code renderer}'s cache to {@code registry}, tagged {@code
   * cache=renderer} and with {@code tags}.
   *
   * @return what {@link #close() closes} them again
   */
  public static BroadsheetMetrics bind(ArticleRenderer renderer, MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(renderer, "renderer");
    Objects.requireNonNull(registry, "registry");
    Tags all = Tags.of(Objects.requireNonNull(tags, "tags")).and("cache", "renderer");
    BroadsheetMetrics m = new BroadsheetMetrics(registry, null, null);
    m.add(FunctionCounter.builder("broadsheet.cache.gets", renderer, r -> r.stats().hits())
        .description("Renderings served from the cache (hit) or made (miss)")
        .tags(all.and("result", "hit")).register(registry));
    m.add(FunctionCounter.builder("broadsheet.cache.gets", renderer, r -> r.stats().misses())
        .description("Renderings served from the cache (hit) or made (miss)")
        .tags(all.and("result", "miss")).register(registry));
    m.add(Gauge.builder("broadsheet.cache.hit.ratio", renderer, r -> r.stats().hitRate())
        .description("Hits over requests; 1 before the first").tags(all).register(registry));
    m.add(FunctionCounter.builder("broadsheet.cache.evictions", renderer, r -> r.stats().evictions())
        .description("Renderings dropped to stay within the cache's bound").tags(all).register(registry));
    m.add(Gauge.builder("broadsheet.cache.size", renderer, r -> r.stats().size())
        .description("Renderings the cache holds").tags(all).register(registry));
    return m;
  }

  private void add(Meter meter) {
    meters.add(meter);
  }

  /**
   * Stops observing the repository and removes every meter this binding registered. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (registration != null) {
      registration.close();
    }
    for (Meter meter : meters) {
      registry.remove(meter);
    }
    meters.clear();
  }

  /** Turns the repository's observations into timers, made on first use of each tag set. */
  private static final class Binder implements RepositoryObserver {
    private static final int OUTCOMES = Outcome.values().length;

    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicReferenceArray<Timer> timers =
        new AtomicReferenceArray<>(Operation.values().length * OUTCOMES);
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    @Nullable BroadsheetMetrics owner;

    Binder(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
    }

    @Override
    public void observed(Operation operation, long nanos, Outcome outcome) {
      if (operation == Operation.FIND) {
        hits.increment();
      } else if (operation == Operation.LOAD) {
        misses.increment();
      }
      int slot = operation.ordinal() * OUTCOMES + outcome.ordinal();
      Timer timer = timers.get(slot);
      if (timer == null) {
        timer = timer(operation, outcome);
        timers.set(slot, timer);
        BroadsheetMetrics o = owner;
        if (o != null) {
          o.add(timer);
        }
      }
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Operation operation, Outcome outcome) {
      String op = operation.name().toLowerCase(Locale.ROOT);
      String result = outcome.name().toLowerCase(Locale.ROOT);
      Timer.Builder b = switch (operation) {
        case QUERY, COUNT, FACETS, RELATED -> Timer.builder("broadsheet.queries")
            .description("Queries of the repository").tags("operation", op, "outcome", result);
        case FIND, LOAD -> Timer.builder("broadsheet.loads")
            .description("Articles read by id or for a page, from memory or from the store")
            .tags("from", operation == Operation.FIND ? "memory" : "store");
        case SAVE, DELETE -> Timer.builder("broadsheet.saves")
            .description("Saves and deletes through the repository").tags("operation", op, "outcome", result);
      };
      return b.tags(tags).register(registry);
    }

    double hitRatio() {
      long h = hits.sum();
      long total = h + misses.sum();
      return total == 0 ? 1.0 : (double) h / total;
    }
  }
}
