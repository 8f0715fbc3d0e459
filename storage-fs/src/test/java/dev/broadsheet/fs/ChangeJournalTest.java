package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.Revision;
import dev.broadsheet.SyncToken;
import dev.broadsheet.SyncTokenExpiredException;
import dev.broadsheet.spi.ChangeLog;
import dev.broadsheet.spi.LoggedChange;
import dev.broadsheet.spi.LoggedChange.Kind;
import dev.broadsheet.spi.LoggedChange.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's change journal, seen through the repository's change feed and directly. */
class ChangeJournalTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path root;

  /** A clock that moves only when told to. */
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

  private FileArticleStore store(Watching watching) throws IOException {
    return FileArticleStore.builder(root).watching(watching).build();
  }

  private static ArticleRepository repo(FileArticleStore store) {
    return ArticleRepository.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  /** Every page after {@code since}; the last token in {@code next}. */
  private static List<ArticleChange> drain(ArticleRepository repo, SyncToken since, AtomicReference<SyncToken> next) {
    List<ArticleChange> out = new ArrayList<>();
    SyncToken t = since;
    while (true) {
      ChangePage p = repo.changes(t, 100);
      out.addAll(p.items());
      t = p.next();
      if (!p.hasMore()) {
        next.set(t);
        return out;
      }
    }
  }

  private static Set<String> publicIds(ArticleRepository repo) {
    Set<String> ids = new TreeSet<>();
    repo.query(ArticleQuery.builder().limit(100).build()).items().forEach(a -> ids.add(a.id()));
    return ids;
  }

  @Test
  void everyWriteIsJournaledWithTheTimingBeforeAndAfterIt() throws IOException {
    Instant published = Instant.parse("2026-02-01T08:00:00Z");
    Instant expires = Instant.parse("2026-06-01T00:00:00Z");
    try (FileArticleStore store = store(Watching.OFF); ArticleRepository repo = repo(store)) {
      Article draft = Article.builder("news/ferry").title("Ferry").draft(true).body("Draft.\n").build();
      Revision r1 = repo.save(draft);
      Article live = draft.toBuilder().draft(false).publishedAt(published).expiresAt(expires).build();
      Revision r2 = repo.save(live);
      repo.save(live); // the same bytes: no change, no entry
      Revision r3 = store.putFile("news/quay", TestFiles.article("Quay", "Body.\n").getBytes(), Revision.NONE);
      repo.delete("news/ferry");

      List<LoggedChange> entries = store.journal().entries();
      assertThat(entries).extracting(LoggedChange::seq).containsExactly(1L, 2L, 3L, 4L);
      assertThat(entries).extracting(LoggedChange::id).containsExactly("news/ferry", "news/ferry", "news/quay", "news/ferry");
      assertThat(entries).extracting(LoggedChange::kind).containsExactly(Kind.UPSERT, Kind.UPSERT, Kind.UPSERT, Kind.DELETE);
      assertThat(entries).extracting(LoggedChange::revision).containsExactly(r1, r2, r3, null);
      Timing draftTiming = new Timing(true, null, null);
      Timing liveTiming = new Timing(false, published, expires);
      assertThat(entries.get(0).before()).isNull();
      assertThat(entries.get(0).after()).isEqualTo(draftTiming);
      assertThat(entries.get(1).before()).isEqualTo(draftTiming);
      assertThat(entries.get(1).after()).isEqualTo(liveTiming);
      assertThat(entries.get(2).after()).isEqualTo(new Timing(false, Instant.parse("2026-01-02T08:00:00Z"), null));
      assertThat(entries.get(3).before()).isEqualTo(liveTiming);
      assertThat(entries.get(3).after()).isNull();
      assertThat(repo.changes(null, 10).next().log()).isEqualTo(store.changeLog().orElseThrow().id());
    }
    assertThat(root.resolve(".broadsheet/changes.journal")).isRegularFile();
  }

  @Test
  void aSyncTokenStillWorksAfterARestartAndReplayingGivesWhatIsVisible() throws IOException {
    SyncToken token;
    Set<String> seen;
    String logId;
    try (FileArticleStore store = store(Watching.OFF); ArticleRepository repo = repo(store)) {
      repo.save(sample("a", "A", "A.\n"));
      repo.save(sample("b", "B", "B.\n"));
      ChangePage initial = repo.changes(null, 100);
      seen = new TreeSet<>();
      initial.items().forEach(c -> seen.add(c.id()));
      token = initial.next();
      logId = store.changeLog().orElseThrow().id();
      repo.save(sample("c", "C", "C.\n"));
    }
    try (FileArticleStore store = store(Watching.OFF); ArticleRepository repo = repo(store)) {
      assertThat(store.changeLog().orElseThrow().id()).isEqualTo(logId);
      repo.delete("a");
      repo.save(sample("b", "B again", "B.\n"));
      repo.save(sample("d", "D", "D.\n").toBuilder().draft(true).build()); // never public
      AtomicReference<SyncToken> next = new AtomicReference<>();
      List<ArticleChange> changes = drain(repo, SyncToken.parse(token.toString()), next);
      for (ArticleChange c : changes) {
        switch (c.kind()) {
          case UPSERT, PUBLISHED -> seen.add(c.id());
          case DELETE, UNPUBLISHED -> seen.remove(c.id());
        }
      }
      assertThat(changes).extracting(ArticleChange::id).containsExactly("c", "a", "b");
      assertThat(seen).isEqualTo(publicIds(repo)).containsExactly("b", "c");
      assertThat(drain(repo, next.get(), next)).isEmpty();
    }
  }

  @Test
  void anOutsideEditWhileAStoreWatchesIsInTheFeed() throws Exception {
    Files.writeString(root.resolve("old.md"), article("Old", "Old.\n"));
    try (FileArticleStore store = store(Watching.LIVE); ArticleRepository repo = repo(store)) {
      SyncToken token = repo.changes(null, 100).next();
      Files.writeString(root.resolve("fresh.md"), article("Fresh", "Fresh.\n"));
      Files.writeString(root.resolve("old.md"), article("Old, edited", "Old.\n"));
      AtomicReference<SyncToken> next = new AtomicReference<>();
      List<ArticleChange> seen = new ArrayList<>();
      TestFiles.await("both edits in the feed", 20, () -> {
        seen.addAll(drain(repo, next.get() == null ? token : next.get(), next));
        return seen.stream().map(ArticleChange::id).distinct().count() == 2;
      });
      // A new visible article and an edit of a visible one: both UPSERT.
      assertThat(seen).extracting(c -> c.kind() + " " + c.id()).containsExactlyInAnyOrder("UPSERT fresh", "UPSERT old");
      // The journal holds each once, whatever the watcher and the rescans saw.
      assertThat(store.journal().entries()).extracting(LoggedChange::id).containsExactlyInAnyOrder("fresh", "old");
    }
  }

  @Test
  void editsWhileNoStoreRunsAreJournaledAtTheNextLoad() throws Exception {
    Files.writeString(root.resolve("kept.md"), article("Kept", "Kept.\n"));
    Files.writeString(root.resolve("edited.md"), article("Edited", "Edited.\n"));
    Files.writeString(root.resolve("gone.md"), article("Gone", "Gone.\n"));
    SyncToken token;
    try (FileArticleStore store = store(Watching.OFF); ArticleRepository repo = repo(store)) {
      ChangePage initial = repo.changes(null, 100);
      assertThat(initial.items()).extracting(ArticleChange::id).containsExactly("edited", "gone", "kept");
      assertThat(store.journal().entries()).isEmpty(); // what was there first is the journal's base
      token = initial.next();
    }
    Files.writeString(root.resolve("edited.md"), article("Edited again", "Edited.\n"));
    Files.delete(root.resolve("gone.md"));
    Files.writeString(root.resolve("new.md"), article("New", "New.\n"));
    for (int restart = 0; restart < 2; restart++) { // the second start finds nothing new
      try (FileArticleStore store = store(Watching.OFF); ArticleRepository repo = repo(store)) {
        List<ArticleChange> changes = drain(repo, token, new AtomicReference<>());
        assertThat(changes).extracting(c -> c.kind() + " " + c.id())
            .containsExactlyInAnyOrder("UPSERT edited", "DELETE gone", "UPSERT new");
        assertThat(store.journal().entries()).hasSize(3);
      }
    }
  }

  /**
   * Over thousands of articles in several folders: what changed while no store ran is journaled
   * once each, new and edited files in the load's order, then the files gone by id.
   */
  @Test
  void editsWhileNoStoreRunsAreJournaledInOrderOverManyArticles() throws Exception {
    int n = 12_000;
    for (int i = 0; i < n; i++) {
      TestFiles.write(root, String.format("d%02d/f%05d.md", i % 12, i), article("Article " + i, "Body " + i + ".\n"));
    }
    SyncToken token;
    try (FileArticleStore store = store(Watching.OFF); ArticleRepository repo = repo(store)) {
      assertThat(repo.size()).isEqualTo(n);
      assertThat(store.journal().entries()).isEmpty();
      token = repo.changesHead();
    }
    List<String> upserts = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < n; i++) {
      String id = String.format("d%02d/f%05d", i % 12, i);
      int pick = random.nextInt(100);
      if (pick == 0) {
        Files.writeString(root.resolve(id + ".md"), article("Edited " + i, "Edited.\n"));
        upserts.add(id);
      } else if (pick == 1) {
        Files.delete(root.resolve(id + ".md"));
        deletes.add(id);
      }
    }
    for (int i = 0; i < 30; i++) {
      String id = String.format("d%02d/new%02d", i % 12, i);
      TestFiles.write(root, id + ".md", article("New " + i, "New.\n"));
      upserts.add(id);
    }
    Collections.sort(upserts); // the walk's order for these names
    Collections.sort(deletes);
    List<String> expected = new ArrayList<>();
    upserts.forEach(id -> expected.add("UPSERT " + id));
    deletes.forEach(id -> expected.add("DELETE " + id));
    for (int restart = 0; restart < 2; restart++) { // the second start finds nothing new
      try (FileArticleStore store = store(Watching.OFF); ArticleRepository repo = repo(store)) {
        assertThat(store.journal().entries()).extracting(c -> c.kind() + " " + c.id()).containsExactlyElementsOf(expected);
        List<ArticleChange> changes = drain(repo, token, new AtomicReference<>());
        assertThat(changes).hasSize(expected.size());
      }
    }
  }

  @Test
  void compactionDropsTheOldestAndAnOldTokenExpires() throws IOException {
    SyncToken old;
    long firstAfter;
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).journalLimit(10).build();
        ArticleRepository repo = repo(store)) {
      repo.save(sample("a", "A", "A.\n"));
      old = repo.changes(null, 100).next();
      // What a compaction killed before its rename left; no live writer holds it.
      Path leftover = Files.writeString(root.resolve(".broadsheet/." + Journal.FILE_NAME + ".tmp-0123456789abcdef"), "half");
      SyncToken recent = null;
      for (int i = 0; i < 30; i++) {
        repo.save(sample("n" + (i % 4), "N " + i, "Body.\n"));
        if (i == 25) {
          recent = repo.changes(null, 100).next();
        }
      }
      ChangeLog log = store.changeLog().orElseThrow();
      assertThat(log.head()).isEqualTo(31);
      firstAfter = log.first();
      assertThat(firstAfter).isGreaterThan(2);
      assertThat(log.head() - log.first() + 1).isBetween(5L, 10L);
      assertThat(store.journal().entries()).hasSizeBetween(5, 10);
      assertThat(leftover).doesNotExist();
      SyncToken expired = old;
      assertThatThrownBy(() -> repo.changes(expired, 10)).isInstanceOf(SyncTokenExpiredException.class);
      assertThat(repo.changes(recent, 100).items()).extracting(ArticleChange::id).containsExactly("n2", "n3", "n0", "n1");
    }
    // A restart reads the compacted journal and its base: nothing changed, nothing journaled.
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).journalLimit(10).build();
        ArticleRepository repo = repo(store)) {
      assertThat(store.changeLog().orElseThrow().head()).isEqualTo(31);
      assertThat(store.changeLog().orElseThrow().first()).isEqualTo(firstAfter);
      SyncToken expired = old;
      assertThatThrownBy(() -> repo.changes(expired, 10)).isInstanceOf(SyncTokenExpiredException.class);
    }
  }

  @Test
  void aScheduledArticleIsPublishedOnceWhenTheClockPassesIt() throws IOException {
    MovableClock clock = new MovableClock();
    Instant goesLive = NOW.plus(Duration.ofHours(1));
    // The journal's instants come from the store's clock: the same one as the repository's.
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).clock(clock).build();
        ArticleRepository repo = ArticleRepository.builder().store(store).clock(clock).build()) {
      SyncToken token = repo.changes(null, 100).next();
      Revision r = repo.save(sample("later", "Later", "Later.\n").toBuilder().publishedAt(goesLive).build());
      ChangePage before = repo.changes(token, 100);
      assertThat(before.items()).isEmpty(); // scheduled: not a public change yet
      clock.now.set(NOW.plus(Duration.ofMinutes(59)));
      assertThat(repo.changes(before.next(), 100).items()).isEmpty();
      clock.now.set(NOW.plus(Duration.ofHours(2)));
      ChangePage after = repo.changes(token, 100);
      assertThat(after.items()).containsExactly(new ArticleChange("later", ArticleChange.Kind.PUBLISHED, r, goesLive));
      assertThat(repo.changes(after.next(), 100).items()).isEmpty();
      assertThat(repo.changes(before.next(), 100).items()).hasSize(1);
    }
  }

  @Test
  void aStoreWithoutAStateFolderAndNoSnapshotWritesNothingAtLoadButWritesAreJournaled() throws IOException {
    Files.writeString(root.resolve("a.md"), article("A", "A.\n"));
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot().build()) {
      store.loadAll();
      assertThat(store.changeLog()).isEmpty();
      assertThat(root.resolve(FileArticleStore.STATE_FOLDER)).doesNotExist();
      store.put(sample("b", "B", "B.\n"), Revision.NONE); // as the command line's set and new do
    }
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot().build()) {
      store.loadAll();
      assertThat(store.changeLog()).isPresent();
      assertThat(store.journal().entries()).extracting(LoggedChange::id).containsExactly("b");
    }
  }

  @Test
  void aChangeAnotherWriterJournaledIsJournaledOnceAndHeldBackUntilTheRepositoryHasIt() throws Exception {
    try (FileArticleStore store = store(Watching.LIVE); ArticleRepository repo = repo(store)) {
      SyncToken token = repo.changes(null, 100).next();
      ChangeLog log = store.changeLog().orElseThrow();
      // Another writer of the root (as the command line's set would be): its own store, no watcher.
      try (FileArticleStore other = store(Watching.OFF)) {
        other.put(sample("x", "X", "X.\n"), Revision.NONE);
      }
      TestFiles.await("the repository has the article", 20, () -> {
        try {
          long head = log.head();
          boolean has = repo.get("x").isPresent();
          // The position handed out never runs ahead of what the repository holds.
          assertThat(head == 0 || has).as("head %s while the repository lacks the article", head).isTrue();
          return has && head == 1;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertThat(drain(repo, token, new AtomicReference<>())).extracting(c -> c.kind() + " " + c.id())
          .containsExactly("UPSERT x");
      assertThat(store.journal().entries()).extracting(LoggedChange::id).containsExactly("x");
    }
  }
}
