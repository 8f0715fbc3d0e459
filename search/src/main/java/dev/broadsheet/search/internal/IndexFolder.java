package dev.broadsheet.search.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.jspecify.annotations.Nullable;

/**
 * The Lucene index of one search index: its directory, writer and searchers, opened from a
 * folder (checked, and rebuilt when it cannot be trusted) or in memory.
 */
public final class IndexFolder implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IndexFolder.class.getName());
  /** The commit data that marks an index as ours, and its format. */
  private static final String MARK = "broadsheet-search";
  private static final String FORMAT = "2";
  /** The names of Lucene's files, the only ones a rebuild deletes. */
  private static final Pattern LUCENE_FILE = Pattern.compile("segments(_\\w+)?|pending_segments_\\w+|_\\w+\\.\\w+|write\\.lock");

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  /** Until {@link #takeRevisions}: the map is wanted once, when the index is brought up to date. */
  private @Nullable Map<String, String> revisions;
  private final boolean rebuilt;

  private IndexFolder(Directory directory, IndexWriter writer, Map<String, String> revisions, boolean rebuilt)
      throws IOException {
    this.directory = directory;
    this.writer = writer;
    // No query cache: a search's cost should not depend on whether the same words were asked
    // a moment ago, and the heap the index takes should not grow with the questions asked.
    this.searchers = new SearcherManager(writer, new org.apache.lucene.search.SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
          org.apache.lucene.index.IndexReader previous) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        return searcher;
      }
    });
    this.revisions = revisions;
    this.rebuilt = rebuilt;
  }

  /**
   * The index in {@code folder}, or a new one in memory when {@code folder} is null or another
   * process holds it.
   */
  public static IndexFolder open(@Nullable Path folder, Map<String, Analyzer> analyzers) throws IOException {
    Analyzer analyzer = new PerFieldAnalyzerWrapper(new StandardAnalyzer(), analyzers);
    if (folder == null) {
      return inMemory(analyzer);
    }
    Files.createDirectories(folder);
    Directory dir = FSDirectory.open(folder);
    try {
      Map<String, String> revisions = read(dir);
      IndexWriter w = new IndexWriter(dir, config(analyzer, revisions.isEmpty()
          ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND));
      return new IndexFolder(dir, w, revisions, false);
    } catch (LockObtainFailedException e) {
      dir.close();
      LOG.log(System.Logger.Level.WARNING, "the search index in " + folder
          + " is in use by another process; this process indexes in memory");
      return inMemory(analyzer);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the search index in " + folder + " cannot be used ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "); rebuilding it");
      dir.close();
      clear(folder);
      Directory fresh = FSDirectory.open(folder);
      IndexWriter w = new IndexWriter(fresh, config(analyzer, IndexWriterConfig.OpenMode.CREATE));
      return new IndexFolder(fresh, w, Map.of(), true);
    }
  }

  private static IndexFolder inMemory(Analyzer analyzer) throws IOException {
    Directory dir = new ByteBuffersDirectory();
    return new IndexFolder(dir, new IndexWriter(dir, config(analyzer, IndexWriterConfig.OpenMode.CREATE)),
        Map.of(), false);
  }

  private static IndexWriterConfig config(Analyzer analyzer, IndexWriterConfig.OpenMode mode) {
    // Plain segment files: packing them into compound files costs a copy of every byte written.
    return new IndexWriterConfig(analyzer).setOpenMode(mode).setRAMBufferSizeMB(64)
        .setUseCompoundFile(false).setCommitOnClose(false);
  }

  /**
   * The id and revision of every article the index in {@code dir} holds, after checking every
   * file's checksum; empty when there is no index.
   *
   * @throws IOException when the index is damaged, or is not ours
   */
  private static Map<String, String> read(Directory dir) throws IOException {
    if (!DirectoryReader.indexExists(dir)) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    try (DirectoryReader reader = DirectoryReader.open(dir)) {
      String mark = reader.getIndexCommit().getUserData().get(MARK);
      if (!FORMAT.equals(mark)) {
        throw new IOException(mark == null ? "not an index of articles" : "index format " + mark + ", not " + FORMAT);
      }
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafReader r = leaf.reader();
        r.checkIntegrity();
        SortedDocValues ids = r.getSortedDocValues("id");
        BinaryDocValues revs = r.getBinaryDocValues("rev");
        Bits live = r.getLiveDocs();
        if (ids == null || revs == null) {
          if (r.numDocs() > 0) {
            throw new IOException("documents without an id or revision");
          }
          continue;
        }
        for (int d = ids.nextDoc(); d != SortedDocValues.NO_MORE_DOCS; d = ids.nextDoc()) {
          if ((live == null || live.get(d)) && revs.advanceExact(d)) {
            out.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), revs.binaryValue().utf8ToString());
          }
        }
      }
    }
    return out;
  }

  /** Deletes Lucene's files in {@code folder}, and nothing else. */
  private static void clear(Path folder) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path f : files) {
        if (Files.isRegularFile(f) && LUCENE_FILE.matcher(f.getFileName().toString()).matches()) {
          Files.delete(f);
        }
      }
    }
  }

  /**
   * What the index held when opened, revision by id, handed over once: kept for the life of the
   * index, a map of every id and revision would hold about 180 bytes an article that nothing
   * reads after the index is brought up to date.
   */
  public Map<String, String> takeRevisions() {
    Map<String, String> r = revisions;
    if (r == null) {
      throw new IllegalStateException("the revisions were taken already");
    }
    revisions = null;
    return r;
  }

  /** Whether the index in the folder was thrown away and started again. */
  public boolean rebuilt() {
    return rebuilt;
  }

  public IndexWriter writer() {
    return writer;
  }

  /** Makes what was written durable, marked as ours. */
  public void commit() throws IOException {
    writer.setLiveCommitData(Map.of(MARK, FORMAT).entrySet());
    writer.commit();
  }

  /**
   * Merges the index into one segment: a search then looks up each word's postings once rather
   * than once per segment of each language's fields.
   */
  public void compact() throws IOException {
    writer.forceMerge(1);
  }

  /** Makes what was written visible to the next {@link #acquire}. */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  public IndexSearcher acquire() throws IOException {
    return searchers.acquire();
  }

  public void release(IndexSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  @Override
  public void close() throws IOException {
    try (Directory d = directory; IndexWriter w = writer) {
      searchers.close();
      if (!(d instanceof ByteBuffersDirectory) && w.isOpen()) {
        commit();
      }
    }
  }
}
