package dev.broadsheet.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.SyncToken;
import dev.broadsheet.SyncTokenExpiredException;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental exports: one repository, open throughout, exported twice with the token between. */
class StaticExportUpdateTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(NOW);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock();
  private final StaticExport export = StaticExport.builder().pageSize(2).clock(clock).build();

  private ArticleRepository repository(int capacity) {
    return ArticleRepository.builder().store(new InMemoryArticleStore(StaticExportTest.newsroom())).clock(clock)
        .changeLogCapacity(capacity).build();
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static Map<String, FileTime> times(Path root) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        times.put(root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"),
            Files.getLastModifiedTime(p));
      }
    }
    return times;
  }

  @Test
  void anUpdateWritesWhatChangedAndEndsAsAFullExportWould() throws Exception {
    try (ArticleRepository repo = repository(100_000)) {
      Path out = dir.resolve("out");
      StaticExport.Update first = export.update(repo, out, null);
      assertThat(first.articles()).isEqualTo(4);
      assertThat(first.written()).isEqualTo(first.files());
      Map<String, FileTime> before = times(out);
      // Back-date every file, so that a file rewritten shows by its time.
      FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
      for (String f : before.keySet()) {
        Files.setLastModifiedTime(out.resolve(f), old);
      }

      Article rates = repo.get("2026/01/rates").orElseThrow();
      repo.save(rates.withTitle("Rates held again"));                 // changed: its file and the listings naming it
      repo.delete("2026/02/stadion");                                  // deleted: its file goes
      repo.save(Article.builder("2026/02/new").title("New").publishedAt(Instant.parse("2026-02-28T00:00:00Z"))
          .category("LOCAL").body("New.\n").build());                  // created
      repo.save(Article.builder("2026/03/soon").title("Soon").publishedAt(NOW.plus(Duration.ofHours(1)))
          .category("LOCAL").body("Soon.\n").build());                 // scheduled: not yet
      clock.now.set(NOW.plus(Duration.ofHours(2)));                    // and now published

      StaticExport.Update second = export.update(repo, out, first.token());

      Path full = dir.resolve("full");
      StaticExport.Result reference = export.write(repo, full);
      assertThat(files(out)).isEqualTo(files(full));
      assertThat(second.articles()).isEqualTo(reference.articles()).isEqualTo(5);
      assertThat(second.files()).isEqualTo(reference.files());
      assertThat(second.removed()).isGreaterThanOrEqualTo(2); // stadion's article and its feeds
      assertThat(out.resolve("articles/2026/02/stadion.json")).doesNotExist();
      assertThat(out.resolve("articles/2026/03/soon.json")).exists();
      Map<String, FileTime> after = times(out);
      assertThat(after.get("articles/2026/01/pier.json")).as("unchanged: kept").isEqualTo(old);
      assertThat(after.get("articles/2026/02/chips.json")).as("unchanged: kept").isEqualTo(old);
      assertThat(after.get("articles/2026/01/rates.json")).isNotEqualTo(old);
      assertThat(after.get("articles/2026/02/new.json")).isNotEqualTo(old);
      long rewritten = after.values().stream().filter(t -> !t.equals(old)).count();
      assertThat(second.written()).isEqualTo((int) rewritten).isLessThan(second.files());

      // Nothing changed since: nothing written, and the token moves on.
      StaticExport.Update third = export.update(repo, out, second.token());
      assertThat(third.written()).isZero();
      assertThat(third.removed()).isZero();
      assertThat(files(out)).isEqualTo(files(full));
      assertThat(SyncToken.parse(third.token().toString())).isEqualTo(third.token());
    }
  }

  @Test
  void refusesAnotherStoresTokenAnExpiredOneAndAMissingExport() throws Exception {
    Path out = dir.resolve("out");
    SyncToken foreign;
    try (ArticleRepository other = repository(100_000)) {
      foreign = export.update(other, dir.resolve("other"), null).token();
    }
    try (ArticleRepository repo = repository(2)) {
      SyncToken token = export.update(repo, out, null).token();
      assertThatThrownBy(() -> export.update(repo, out, foreign)).isInstanceOf(InvalidSyncTokenException.class)
          .hasMessageContaining("sync from scratch");
      for (int i = 0; i < 5; i++) {
        Article a = repo.get("2026/01/pier").orElseThrow();
        repo.save(a.withTitle("Pier " + i));
      }
      assertThatThrownBy(() -> export.update(repo, out, token)).isInstanceOf(SyncTokenExpiredException.class);
      assertThatThrownBy(() -> export.update(repo, dir.resolve("empty"), token))
          .isInstanceOf(BroadsheetException.class).hasMessageContaining("export in full");
    }
  }
}
