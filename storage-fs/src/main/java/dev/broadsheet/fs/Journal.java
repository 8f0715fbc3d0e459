package dev.broadsheet.fs;

import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.internal.AtomicFiles;
import dev.broadsheet.fs.internal.JournalBase;
import dev.broadsheet.fs.internal.JournalBase.Base;
import dev.broadsheet.fs.internal.JournalBase.Last;
import dev.broadsheet.fs.internal.JournalFile;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.spi.ChangeLog;
import dev.broadsheet.spi.LoggedChange;
import dev.broadsheet.spi.LoggedChange.Kind;
import dev.broadsheet.spi.LoggedChange.Timing;
import dev.broadsheet.spi.StoreChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store's change journal: a {@link JournalFile} in the root's state folder that every
 * process writing the root appends to under the root's write lock, and the state of every
 * article it implies (a {@link JournalBase} and the entries after it), to tell the change a
 * write or a second look at a file makes from the article's state before.
 *
 * <p>What it hands out as its {@link #head()} is what the store has told its listener: a change
 * another process journaled is held back until this store has seen the file it names (its
 * watcher, within about a second), and a change this store journaled while looking at a file
 * until it has told its listener, so that an initial sync never pairs a position with articles
 * that miss a change before it.
 *
 * <p>Methods that append run under the root's write lock (this JVM's and the file lock every
 * process takes); all of them under this object's own lock, which is taken last.
 */
final class Journal implements ChangeLog {
  static final String FILE_NAME = "changes.journal";
  static final String BASE_NAME = "changes.base";
  private static final System.Logger LOG = System.getLogger(Journal.class.getName());

  private final Path file;
  private final Path baseFile;
  private final int limit;
  private final Supplier<Instant> clock;
  /**
   * The revision this store holds (and has told) of an id, null when none or invalid; null when
   * the store does not follow the folder, which then takes every change as told.
   */
  private final @Nullable Function<String, @Nullable Revision> told;
  private final ReentrantLock guard = new ReentrantLock();
  private @Nullable JournalFile journal;
  /** Set by {@link #close}: the journal is not opened again. */
  private boolean closed;
  /** The state of every article as of {@link #applied}; ids absent are deleted or never were. */
  private Map<String, Last> state = new HashMap<>();
  private long applied;
  /** The journal {@link #state} follows. */
  private @Nullable String stateOf;
  /** Whether {@link #state} started from a base: else an id it lacks may exist from before the journal. */
  private boolean based;
  /** When the base file last checked was modified, so that an unusable one is read once. */
  private java.nio.file.attribute.@Nullable FileTime baseSeen;
  /** Ids with changes from other processes this store has not seen yet, and the first one's number. */
  private final Map<String, Long> unseen = new HashMap<>();
  /** How many looks at files are telling the listener what they journaled, and the head before the first. */
  private int telling;
  private long tellingFloor = Long.MAX_VALUE;

  Journal(Path stateFolder, int limit, Supplier<Instant> clock, @Nullable Function<String, @Nullable Revision> told) {
    this.file = stateFolder.resolve(FILE_NAME);
    this.baseFile = stateFolder.resolve(BASE_NAME);
    this.limit = limit;
    this.clock = clock;
    this.told = told;
  }

  // ------------------------------------------------------------------ reading (ChangeLog)

  @Override
  public String id() {
    guard.lock();
    try {
      return open().id();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      guard.unlock();
    }
  }

  @Override
  public long head() throws IOException {
    guard.lock();
    try {
      sync(false);
      return visibleHead();
    } finally {
      guard.unlock();
    }
  }

  @Override
  public long first() throws IOException {
    guard.lock();
    try {
      sync(false);
      JournalFile j = open();
      return j.entries().isEmpty() ? j.head() + 1 : j.entries().get(0).seq();
    } finally {
      guard.unlock();
    }
  }

  @Override
  public List<LoggedChange> read(long after, int limit) throws IOException {
    guard.lock();
    try {
      sync(false);
      List<LoggedChange> entries = open().entries();
      long head = visibleHead();
      List<LoggedChange> out = new ArrayList<>();
      if (entries.isEmpty() || after >= head) {
        return out;
      }
      long firstSeq = entries.get(0).seq();
      int from = (int) Math.max(0, after + 1 - firstSeq);
      for (int i = from; i < entries.size() && out.size() < limit && entries.get(i).seq() <= head; i++) {
        out.add(entries.get(i));
      }
      return out;
    } finally {
      guard.unlock();
    }
  }

  /** The newest change the store has told its listener of, with every one before it. */
  private long visibleHead() {
    long h = Objects.requireNonNull(journal).head();
    if (told != null && !unseen.isEmpty()) {
      unseen.keySet().removeIf(this::seenHere);
      for (long seq : unseen.values()) {
        h = Math.min(h, seq - 1);
      }
    }
    return telling > 0 ? Math.min(h, tellingFloor) : h;
  }

  /** Whether the store holds the article {@code id} as the journal says it is now. */
  private boolean seenHere(String id) {
    Last l = state.get(id);
    return Objects.equals(Objects.requireNonNull(told).apply(id), l == null ? null : l.revision());
  }

  // ------------------------------------------------------------------ keeping up

  private JournalFile open() throws IOException {
    if (closed) {
      // Never opened (and so made) again once the store is closed: a reader left running (an
      // event stream) must not write into a folder its owner may be removing.
      throw new IOException("the store is closed");
    }
    JournalFile j = journal;
    if (j == null) {
      j = JournalFile.open(file);
      if (j.replaced() != null) {
        LOG.log(System.Logger.Level.WARNING, Printable.of(j.replaced()));
      }
      journal = j;
    }
    return j;
  }

  /**
   * Takes what other processes appended (cutting off a damaged tail first when {@code writing},
   * under the write lock) and brings {@link #state} up to the journal's head.
   */
  private void sync(boolean writing) throws IOException {
    JournalFile j = open();
    if (writing) {
      j.cutDamagedTail();
    } else {
      j.refresh();
    }
    List<LoggedChange> entries = j.entries();
    long previous = applied;
    boolean fresh = stateOf == null;
    if (!j.id().equals(stateOf) || (!entries.isEmpty() && entries.get(0).seq() > applied + 1)
        || (!based && baseChanged())) {
      loadBase(j); // first use, a new journal, or compacted past what this process applied
    }
    if (!entries.isEmpty()) {
      long firstSeq = entries.get(0).seq();
      for (int i = (int) Math.max(0, applied + 1 - firstSeq); i < entries.size(); i++) {
        LoggedChange c = entries.get(i);
        apply(c);
        if (!fresh && told != null && c.seq() > previous && !seenHere(c.id())) {
          unseen.putIfAbsent(c.id(), c.seq()); // another process's change, not seen here yet
        }
      }
    }
    applied = j.head();
  }

  private boolean baseChanged() {
    try {
      return !Files.getLastModifiedTime(baseFile).equals(baseSeen);
    } catch (IOException e) {
      return false;
    }
  }

  private void loadBase(JournalFile j) throws IOException {
    try {
      baseSeen = Files.getLastModifiedTime(baseFile);
    } catch (IOException e) {
      baseSeen = null;
    }
    state.clear();
    unseen.clear();
    stateOf = j.id();
    List<LoggedChange> entries = j.entries();
    long firstSeq = entries.isEmpty() ? j.head() + 1 : entries.get(0).seq();
    Base b = JournalBase.read(baseFile);
    if (b != null && b.journalId().equals(j.id()) && b.seq() >= firstSeq - 1 && b.seq() <= j.head()) {
      state.putAll(b.articles());
      applied = b.seq();
      based = true;
    } else {
      applied = firstSeq - 1;
      based = false;
    }
  }

  private void apply(LoggedChange c) {
    if (c.kind() == Kind.DELETE) {
      state.remove(c.id());
    } else {
      state.put(c.id(), new Last(Objects.requireNonNull(c.revision()), Objects.requireNonNull(c.after())));
    }
  }

  private static boolean same(@Nullable Last a, @Nullable Last b) {
    return a == null ? b == null : b != null && a.revision().equals(b.revision());
  }

  /** Appends the change from {@code from} to {@code to}, not yet durably; false when there is none. */
  private boolean append(String id, @Nullable Last from, @Nullable Last to) throws IOException {
    if (same(from, to)) {
      return false;
    }
    JournalFile j = Objects.requireNonNull(journal);
    LoggedChange c = to == null
        ? new LoggedChange(j.head() + 1, id, Kind.DELETE, null, clock.get(), from.timing(), null)
        : new LoggedChange(j.head() + 1, id, Kind.UPSERT, to.revision(), clock.get(),
            from == null ? null : from.timing(), to.timing());
    j.append(c, false);
    apply(c);
    applied = c.seq();
    return true;
  }

  /** Makes what was appended durable, then compacts when the journal holds more than its limit. */
  private void finish(boolean appended) throws IOException {
    JournalFile j = Objects.requireNonNull(journal);
    if (!appended) {
      return;
    }
    j.force();
    if (j.entries().size() > limit) {
      removeLeftovers();
      // The base first: killed between the two, the old journal and a newer base still agree.
      JournalBase.write(baseFile, new Base(j.id(), j.head(), new HashMap<>(state)));
      based = true;
      j.compact(Math.max(1, limit / 2));
    }
  }

  /**
   * Removes the temporary files of a compaction or base a killed writer left, and only those no
   * live writer holds. Under the write lock.
   */
  private void removeLeftovers() {
    try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(file.getParent())) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (AtomicFiles.isTempOf(name, FILE_NAME) || AtomicFiles.isTempOf(name, BASE_NAME)) {
          AtomicFiles.removeIfAbandoned(p);
        }
      }
    } catch (IOException e) {
      // harmless: tried again at the next compaction
    }
  }

  // ------------------------------------------------------------------ appending, under the write lock

  /**
   * A write of the article {@code id}: its file held {@code current} (null: none) and now holds
   * {@code after} (null: deleted). A change of the file the journal missed (an edit while no store
   * of the root ran) is journaled first, as its own change. Durable when it returns.
   *
   * @param timingOf the timing of a file's bytes, null when they are no valid article
   */
  void written(String id, byte @Nullable [] current, Function<byte[], @Nullable Timing> timingOf,
      @Nullable Last after) throws IOException {
    guard.lock();
    try {
      sync(true);
      Last known = state.get(id);
      Last was = null;
      if (current != null) {
        Revision r = FileArticleStore.revision(current);
        if (known != null && known.revision().equals(r)) {
          was = known;
        } else {
          Timing t = timingOf.apply(current);
          was = t == null ? null : new Last(r, t);
        }
      }
      boolean appended = false;
      if (based || known != null) {
        appended = append(id, known, was);
      } else if (was != null) {
        state.put(id, was); // from before the journal: its state, not a change
      }
      appended |= append(id, was, after);
      finish(appended);
    } finally {
      guard.unlock();
    }
  }

  /** What a look at a file found changed, before the listener is told. Durable when it returns. */
  void seen(List<StoreChange> changes) throws IOException {
    guard.lock();
    try {
      sync(true);
      boolean appended = false;
      for (StoreChange c : changes) {
        StoredArticle s = c.stored();
        appended |= append(c.id(), state.get(c.id()),
            s == null ? null : new Last(s.revision(), Timing.of(s.article())));
        unseen.remove(c.id());
      }
      finish(appended);
    } finally {
      guard.unlock();
    }
  }

  /**
   * The articles a whole load found: what changed while no store of the root ran (files whose
   * revision is not the journal's, articles the journal has that are gone) is journaled. A
   * journal with no base takes the articles it does not know as they are, and gets a base.
   */
  void loaded(List<StoredArticle> articles) throws IOException {
    guard.lock();
    try {
      sync(true);
      boolean wasBased = based;
      boolean appended = false;
      int unchanged = 0;
      List<String> changed = new ArrayList<>();
      // The state made anew, keyed and valued by the loaded articles' own ids, revisions and
      // instants: a base read from disk has its own copies of them, about 180 bytes an article
      // that would stay for as long as the store. A map keeps the key it has on put, so the
      // state is a new map rather than the old one updated.
      Map<String, Last> next = new HashMap<>(Math.max(articles.size(), state.size()) * 4 / 3 + 16);
      int carried = 0;
      for (StoredArticle a : articles) {
        Last known = state.get(a.id());
        if (known != null && known.revision().equals(a.revision())) {
          unchanged++;
          carried++;
          next.put(a.id(), shared(a, known));
        } else if (known == null && !based) {
          next.put(a.id(), Last.of(a)); // from before the journal
          unchanged++;
        } else {
          changed.add(a.id());
          if (known != null) {
            carried++;
            next.put(a.id(), known);
          }
        }
      }
      if (carried < state.size()) {
        state.forEach(next::putIfAbsent); // the articles gone since: appended as deletes below
      }
      state = next;
      if (!changed.isEmpty() || unchanged < state.size()) {
        Map<String, StoredArticle> byId = new HashMap<>(articles.size() * 4 / 3 + 16);
        articles.forEach(a -> byId.put(a.id(), a));
        for (String id : changed) {
          StoredArticle a = byId.get(id);
          appended |= append(id, state.get(id), new Last(a.revision(), Timing.of(a.article())));
        }
        Set<String> gone = new HashSet<>(state.keySet());
        gone.removeAll(byId.keySet());
        for (String id : gone.stream().sorted().toList()) {
          appended |= append(id, state.get(id), null);
        }
      }
      unseen.clear(); // what was loaded is what the listener starts from
      finish(appended);
      if (!wasBased && !based) {
        removeLeftovers();
        JournalBase.write(baseFile, new Base(open().id(), open().head(), new HashMap<>(state)));
        based = true;
      }
    } finally {
      guard.unlock();
    }
  }

  /**
   * The state of {@code a}, unchanged since {@code known}, made of {@code a}'s own objects: the
   * same revision has the same timing, so it is not compared, and an article the store decodes
   * when asked for is not decoded here.
   */
  private static Last shared(StoredArticle a, Last known) {
    return known.revision() == a.revision() ? known : Last.of(a);
  }

  /**
   * Reads the journal and its base ahead of {@link #loaded}, off the write lock, so that a load
   * can do it while it walks the folder; never throws ({@link #loaded} reports what fails).
   */
  void preload() {
    guard.lock();
    try {
      sync(false);
    } catch (IOException | RuntimeException e) {
      // loaded() tries again and reports it
    } finally {
      guard.unlock();
    }
  }

  /**
   * A look at a file journaled changes and is about to tell the listener: until {@link
   * #told()}, the head handed out stays where it was before.
   */
  void telling() throws IOException {
    guard.lock();
    try {
      sync(false);
      long h = visibleHead();
      telling++;
      tellingFloor = Math.min(tellingFloor, h);
    } finally {
      guard.unlock();
    }
  }

  void told() {
    guard.lock();
    try {
      if (--telling == 0) {
        tellingFloor = Long.MAX_VALUE;
      }
    } finally {
      guard.unlock();
    }
  }

  /** The entries held now, for tests. */
  List<LoggedChange> entries() throws IOException {
    guard.lock();
    try {
      sync(false);
      return List.copyOf(open().entries());
    } finally {
      guard.unlock();
    }
  }

  void close() {
    guard.lock();
    try {
      closed = true;
      JournalFile j = journal;
      journal = null;
      stateOf = null;
      if (j != null) {
        j.close();
      }
    } catch (IOException e) {
      // nothing was pending: every append was forced
    } finally {
      guard.unlock();
    }
  }
}
