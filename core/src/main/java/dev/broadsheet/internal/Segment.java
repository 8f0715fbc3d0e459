package dev.broadsheet.internal;

import dev.broadsheet.Article;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable, column-oriented index over a fixed set of articles. Documents are numbered in
 * NEWEST order (publishedAt descending, id ascending; undated drafts last), so "published at
 * or before a moment" and date ranges are ranges of numbers and NEWEST is the numbering
 * itself. Per document the index keeps a few ints; per value of each field, a compressed
 * bitmap of the documents that have it.
 */
final class Segment {
  private static final long NO_DATE_SEC = Long.MAX_VALUE;
  /**
   * The fields with postings, in the order {@link #postings()} gives them: tags, categories,
   * languages, sources, sentiments.
   */
  static final int POSTINGS = 5;

  final int n;
  /**
   * Each document's article with its revision, as the store gave it: from a store that decodes
   * its articles when asked ({@link StoredArticle#decodedLater}), the index reads the id alone.
   */
  private final StoredArticle[] stored;
  final long[] pubSec;
  final int[] pubNano;
  final int[] sticky;
  final int[] category;
  final int[] lang;
  final int[] source;
  final byte[] sentiment;
  final int[] tagStart;
  final int[] tagData;
  final RoaringBitmap drafts;
  /** The same sets as plain bit arrays, for checks one document at a time. */
  private final long[] draftBits;
  private final long[] expiringBits;
  final RoaringBitmap[] categoryBits;
  final RoaringBitmap[] tagBits;
  final RoaringBitmap[] langBits;
  final RoaringBitmap[] sourceBits;
  final RoaringBitmap[] sentimentBits;
  final RoaringBitmap anySticky;
  /** How many documents are sticky. */
  final int stickyCount;
  /** Distinct sticky weights, descending, and the documents of each. */
  final int[] stickyWeights;
  final RoaringBitmap[] stickyByWeight;
  /** Per category, its sticky documents in STICKY_FIRST order (weight descending, then number). */
  final int[][] stickyByCategory;
  /**
   * Per category, parallel to {@link #stickyByCategory}: each sticky document's other filter
   * fields packed in one long (see {@link #row}), so a sticky-first walk over one category reads
   * one array in order instead of a column per field at random. Null when a dictionary is too
   * large to pack.
   */
  final long @Nullable [][] stickyRows;
  /** Documents with expiresAt, ordered by it, with their expiry. */
  final int[] expiringDocs;
  final long[] expSec;
  final int[] expNano;
  final RoaringBitmap expiring;
  final int undatedStart;
  /** Open-addressing table of document numbers by id hash. */
  private final int[] idTable;
  final int[] categoryCount;
  final int[] tagCount;
  final int[] langCount;
  final int[] sourceCount;
  final int[] sentimentCount;
  private volatile @Nullable Expired expiredCache;

  private record Expired(int k, RoaringBitmap docs) {}

  static Segment build(List<StoredArticle> live, Dicts dicts) {
    return new Segment(columns(live.toArray(new StoredArticle[0]), dicts), dicts, null);
  }

  /**
   * What a segment is made from: each document's article, revision and fields in document
   * (NEWEST) order, with {@code perm}, the position in the list given of each document. The
   * rest of a segment follows from these and the dictionaries; {@link IndexFile} keeps them.
   */
  record Columns(int[] perm, StoredArticle[] stored, long[] pubSec, int[] pubNano, int[] sticky,
      int[] category, int[] lang, int[] source, byte[] sentiment, int[] tagStart, int[] tagData, boolean[] draftAt,
      @Nullable Instant[] expiresAt, int @Nullable [] idHash, int @Nullable [] idTable) {
    Columns {
      if (idHash == null && idTable == null) {
        throw new IllegalArgumentException("the ids' hashes or their table");
      }
    }
  }

  /** Documents read per task of the first pass: large enough to amortize, small enough to balance. */
  private static final int CHUNK = 1 << 14;

  static Columns columns(StoredArticle[] storedOf, Dicts dicts) {
    int n = storedOf.length;
    // Read every article once, in the order given (close together in memory), straight into
    // plain arrays; sorting and filling the columns then touch only those arrays. No object
    // per article is made: at a million articles the reads of scattered objects are most of
    // the build, so each is read exactly once.
    long[] secs = new long[n];
    int[] nanos = new int[n];
    int[] stickyOf = new int[n];
    int[] categoryOf = new int[n];
    int[] langOf = new int[n];
    int[] sourceOf = new int[n];
    byte[] sentimentOf = new byte[n];
    boolean[] draftOf = new boolean[n];
    int[] idHashOf = new int[n];
    int[] tagCountOf = new int[n];
    Instant[] expiresOf = new Instant[n];
    int chunks = (n + CHUNK - 1) / CHUNK;
    int[][] chunkTags = new int[chunks][];
    java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
      int from = c * CHUNK;
      int to = Math.min(n, from + CHUNK);
      int[] tags = new int[(to - from) * 4];
      int t = 0;
      for (int i = from; i < to; i++) {
        StoredArticle s = storedOf[i];
        Article a = s.article();
        Instant published = a.publishedAt();
        if (published == null) {
          secs[i] = NO_DATE_SEC;
        } else {
          secs[i] = published.getEpochSecond();
          nanos[i] = published.getNano();
        }
        idHashOf[i] = mix(a.id().hashCode());
        stickyOf[i] = a.stickyWeight();
        categoryOf[i] = a.category() == null ? -1 : dicts.categories.ordinal(a.category());
        langOf[i] = a.lang() == null ? -1 : dicts.langs.ordinal(a.lang());
        Source src = a.source();
        sourceOf[i] = src == null || src.key() == null ? -1 : dicts.sources.ordinal(src.key());
        sentimentOf[i] = (byte) (a.sentiment() == null ? -1 : a.sentiment().ordinal());
        draftOf[i] = a.draft();
        expiresOf[i] = a.expiresAt();
        List<String> articleTags = a.tags();
        int size = articleTags.size();
        if (t + size > tags.length) {
          tags = Arrays.copyOf(tags, Math.max(tags.length * 2, t + size));
        }
        int first = t;
        for (int k = 0; k < size; k++) {
          int o = dicts.tags.ordinal(articleTags.get(k));
          boolean seen = false;
          for (int j = first; j < t; j++) {
            seen |= tags[j] == o;
          }
          if (!seen) {
            tags[t++] = o;
          }
        }
        tagCountOf[i] = t - first;
      }
      chunkTags[c] = Arrays.copyOf(tags, t);
    });
    int tagTotal = 0;
    for (int[] tags : chunkTags) {
      tagTotal += tags.length;
    }
    int[] tagsFlat = new int[tagTotal];
    int[] tagFrom = new int[n];
    int at = 0;
    for (int c = 0; c < chunks; c++) {
      System.arraycopy(chunkTags[c], 0, tagsFlat, at, chunkTags[c].length);
      int to = Math.min(n, (c + 1) * CHUNK);
      for (int i = c * CHUNK; i < to; i++) {
        tagFrom[i] = at;
        at += tagCountOf[i];
      }
    }
    int[] perm = newestOrder(secs, nanos, storedOf);
    StoredArticle[] stored = new StoredArticle[n];
    long[] pubSec = new long[n];
    int[] pubNano = new int[n];
    int[] sticky = new int[n];
    int[] category = new int[n];
    int[] lang = new int[n];
    int[] source = new int[n];
    byte[] sentiment = new byte[n];
    int[] tagStart = new int[n + 1];
    int[] tagData = new int[tagTotal];
    boolean[] draftAt = new boolean[n];
    Instant[] expiresAt = new Instant[n];
    int[] idHash = new int[n];
    int t = 0;
    for (int d = 0; d < n; d++) {
      tagStart[d] = t;
      t += tagCountOf[perm[d]];
    }
    // Each document's columns are independent: fill them on all cores.
    java.util.stream.IntStream.range(0, n).parallel().forEach(d -> {
      int o = perm[d];
      stored[d] = storedOf[o];
      pubSec[d] = secs[o];
      pubNano[d] = nanos[o];
      sticky[d] = stickyOf[o];
      category[d] = categoryOf[o];
      lang[d] = langOf[o];
      source[d] = sourceOf[o];
      sentiment[d] = sentimentOf[o];
      draftAt[d] = draftOf[o];
      expiresAt[d] = expiresOf[o];
      idHash[d] = idHashOf[o];
      System.arraycopy(tagsFlat, tagFrom[o], tagData, tagStart[d], tagCountOf[o]);
    });
    tagStart[n] = t;
    return new Columns(perm, stored, pubSec, pubNano, sticky, category, lang, source, sentiment, tagStart,
        tagData, draftAt, expiresAt, idHash, null);
  }

  /**
   * A segment of {@code cols}, numbered with {@code dicts}; {@code postings} are the documents of
   * each value of each field (tags, categories, languages, sources, sentiments), computed here
   * when null.
   */
  Segment(Columns cols, Dicts dicts, RoaringBitmap @Nullable [][] postings) {
    n = cols.stored.length;
    stored = cols.stored;
    pubSec = cols.pubSec;
    pubNano = cols.pubNano;
    sticky = cols.sticky;
    category = cols.category;
    lang = cols.lang;
    source = cols.source;
    sentiment = cols.sentiment;
    tagStart = cols.tagStart;
    tagData = cols.tagData;
    boolean[] draftAt = cols.draftAt;
    @Nullable Instant[] expiresAt = cols.expiresAt;
    int @Nullable [] idHash = cols.idHash;
    int t = tagStart[n];
    int undated = n;
    int stickies = 0;
    int expiringCount = 0;
    for (int d = 0; d < n; d++) {
      if (pubSec[d] == NO_DATE_SEC && undated == n) {
        undated = d;
      }
      if (sticky[d] > 0) {
        stickies++;
      }
      if (expiresAt[d] != null) {
        expiringCount++;
      }
    }
    undatedStart = undated;

    if (postings != null) {
      // Each value's count is its postings' cardinality: a number per value, not a pass over the documents.
      tagCount = cardinalities(postings[0]);
      categoryCount = cardinalities(postings[1]);
      langCount = cardinalities(postings[2]);
      sourceCount = cardinalities(postings[3]);
      sentimentCount = cardinalities(postings[4]);
    } else {
      categoryCount = new int[dicts.categories.size()];
      tagCount = new int[dicts.tags.size()];
      langCount = new int[dicts.langs.size()];
      sourceCount = new int[dicts.sources.size()];
      sentimentCount = new int[3];
      for (int d = 0; d < n; d++) {
        if (category[d] >= 0) {
          categoryCount[category[d]]++;
        }
        if (lang[d] >= 0) {
          langCount[lang[d]]++;
        }
        if (source[d] >= 0) {
          sourceCount[source[d]]++;
        }
        if (sentiment[d] >= 0) {
          sentimentCount[sentiment[d]]++;
        }
      }
      for (int i = 0; i < t; i++) {
        tagCount[tagData[i]]++;
      }
    }
    RoaringBitmap[][] built = postings;
    if (built == null) {
      int[] sent = new int[n];
      for (int d = 0; d < n; d++) {
        sent[d] = sentiment[d];
      }
      // The fields' postings are independent: build them on all cores.
      RoaringBitmap[][] made = new RoaringBitmap[POSTINGS][];
      java.util.stream.IntStream.range(0, POSTINGS).parallel().forEach(f -> made[f] = switch (f) {
        case 0 -> postings(tagCount, null, tagData);
        case 1 -> postings(categoryCount, category, null);
        case 2 -> postings(langCount, lang, null);
        case 3 -> postings(sourceCount, source, null);
        default -> postings(sentimentCount, sent, null);
      });
      built = made;
    }
    tagBits = built[0];
    categoryBits = built[1];
    langBits = built[2];
    sourceBits = built[3];
    sentimentBits = built[4];

    int[] draftDocs = new int[n];
    int nd = 0;
    int[] stickyDocs = new int[stickies];
    // Each sticky document as its weight (heaviest first) and number in one long, sorted: the
    // documents of each weight in number order, without a boxed map.
    long[] byWeight = new long[stickies];
    int ns = 0;
    Integer[] exp = new Integer[expiringCount];
    int ne = 0;
    for (int d = 0; d < n; d++) {
      if (draftAt[d]) {
        draftDocs[nd++] = d;
      }
      if (sticky[d] > 0) {
        byWeight[ns] = (long) (Integer.MAX_VALUE - sticky[d]) << 32 | d;
        stickyDocs[ns++] = d;
      }
      if (expiresAt[d] != null) {
        exp[ne++] = d;
      }
    }
    Arrays.sort(byWeight);
    drafts = RoaringBitmap.bitmapOf(Arrays.copyOf(draftDocs, nd));
    draftBits = new long[(n + 63) >>> 6];
    for (int i = 0; i < nd; i++) {
      draftBits[draftDocs[i] >>> 6] |= 1L << draftDocs[i];
    }
    drafts.runOptimize();
    anySticky = RoaringBitmap.bitmapOf(stickyDocs);
    stickyCount = stickyDocs.length;
    int weights = 0;
    for (int i = 0; i < ns; i++) {
      if (i == 0 || byWeight[i] >>> 32 != byWeight[i - 1] >>> 32) {
        weights++;
      }
    }
    stickyWeights = new int[weights];
    stickyByWeight = new RoaringBitmap[weights];
    int w = 0;
    for (int i = 0; i < ns; ) {
      int j = i;
      while (j < ns && byWeight[j] >>> 32 == byWeight[i] >>> 32) {
        j++;
      }
      int[] docs = new int[j - i];
      for (int k = i; k < j; k++) {
        docs[k - i] = (int) byWeight[k];
      }
      stickyWeights[w] = Integer.MAX_VALUE - (int) (byWeight[i] >>> 32);
      stickyByWeight[w++] = RoaringBitmap.bitmapOf(docs);
      i = j;
    }
    int[] perCategory = new int[categoryCount.length];
    for (int d : stickyDocs) {
      if (category[d] >= 0) {
        perCategory[category[d]]++;
      }
    }
    stickyByCategory = new int[categoryCount.length][];
    for (int c = 0; c < perCategory.length; c++) {
      stickyByCategory[c] = new int[perCategory[c]];
    }
    int[] filled = new int[categoryCount.length];
    // stickyByWeight lists weights heaviest first and each weight's documents in number order.
    for (RoaringBitmap weightDocs : stickyByWeight) {
      org.roaringbitmap.IntIterator it = weightDocs.getIntIterator();
      while (it.hasNext()) {
        int d = it.next();
        if (category[d] >= 0) {
          stickyByCategory[category[d]][filled[category[d]]++] = d;
        }
      }
    }
    Arrays.sort(exp, Comparator.comparing((Integer d) -> expiresAt[d]));
    expiringDocs = new int[ne];
    expSec = new long[ne];
    expNano = new int[ne];
    for (int i = 0; i < ne; i++) {
      expiringDocs[i] = exp[i];
      Instant x = expiresAt[exp[i]];
      expSec[i] = x.getEpochSecond();
      expNano[i] = x.getNano();
    }
    expiring = RoaringBitmap.bitmapOf(expiringDocs);
    expiringBits = new long[(n + 63) >>> 6];
    for (int d : expiringDocs) {
      expiringBits[d >>> 6] |= 1L << d;
    }

    stickyRows = packStickyRows();

    idTable = cols.idTable != null ? cols.idTable : idTable(idHash);
  }

  /** Open-addressing table of document numbers by their ids' hashes: {@link #idTable}. */
  private static int[] idTable(int[] idHash) {
    int n = idHash.length;
    int[] table = new int[idTableSize(n)];
    Arrays.fill(table, -1);
    int mask = table.length - 1;
    for (int d = 0; d < n; d++) {
      int slot = idHash[d] & mask;
      while (table[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = d;
    }
    return table;
  }

  /** The length of the id table of {@code n} documents: a power of two, a quarter full at most. */
  static int idTableSize(int n) {
    return Math.max(4, Integer.highestOneBit(Math.max(1, n)) << 2);
  }

  /** The table by id hash, as {@link Columns} gives it to a segment of the same documents. */
  int[] idTable() {
    return idTable;
  }

  private static int[] cardinalities(RoaringBitmap[] postings) {
    int[] counts = new int[postings.length];
    for (int v = 0; v < postings.length; v++) {
      counts[v] = postings[v] == null ? 0 : postings[v].getCardinality();
    }
    return counts;
  }

  static final int ROW_CODE_BITS = 20;
  static final long ROW_CODE_MASK = (1L << ROW_CODE_BITS) - 1;
  static final long ROW_DRAFT = 1L << 48;
  static final long ROW_EXPIRING = 1L << 49;

  private long @Nullable [][] packStickyRows() {
    if (langCount.length >= ROW_CODE_MASK || sourceCount.length >= ROW_CODE_MASK) {
      return null;
    }
    long[][] rows = new long[stickyByCategory.length][];
    for (int c = 0; c < rows.length; c++) {
      int[] docs = stickyByCategory[c];
      rows[c] = new long[docs.length];
      for (int i = 0; i < docs.length; i++) {
        rows[c][i] = row(docs[i]);
      }
    }
    return rows;
  }

  /**
   * Language, source and sentiment codes plus one (0 for none) in bits 0-19, 20-39 and 40-47,
   * the draft flag in bit 48 and whether the document expires at all in bit 49.
   */
  private long row(int d) {
    long r = (lang[d] + 1L) | (source[d] + 1L) << ROW_CODE_BITS | (sentiment[d] + 1L) << 40;
    if ((draftBits[d >>> 6] & (1L << d)) != 0) {
      r |= ROW_DRAFT;
    }
    if ((expiringBits[d >>> 6] & (1L << d)) != 0) {
      r |= ROW_EXPIRING;
    }
    return r;
  }

  /** The tag filters alone on document {@code d}. */
  boolean tagsMatch(int d, Compiled q) {
    return q.tagsMatch(tagData, tagStart[d], tagStart[d + 1]);
  }

  /** Documents by value: counts first, then one sorted array per value, then a bitmap. */
  private RoaringBitmap[] postings(int[] counts, int @Nullable [] column, int @Nullable [] tagsFlat) {
    int[][] lists = new int[counts.length][];
    for (int v = 0; v < counts.length; v++) {
      lists[v] = counts[v] == 0 ? null : new int[counts[v]];
    }
    int[] fill = new int[counts.length];
    if (column != null) {
      for (int d = 0; d < n; d++) {
        int v = column[d];
        if (v >= 0) {
          lists[v][fill[v]++] = d;
        }
      }
    } else {
      for (int d = 0; d < n; d++) {
        for (int i = tagStart[d]; i < tagStart[d + 1]; i++) {
          int v = tagsFlat[i];
          lists[v][fill[v]++] = d;
        }
      }
    }
    RoaringBitmap[] bits = new RoaringBitmap[counts.length];
    for (int v = 0; v < counts.length; v++) {
      if (lists[v] != null) {
        bits[v] = RoaringBitmap.bitmapOf(lists[v]);
        bits[v].runOptimize();
      }
    }
    return bits;
  }

  static int mix(int h) {
    return h ^ (h >>> 16) * 0x45d9f3b;
  }

  /**
   * The permutation that puts documents in NEWEST order: a sort of packed primitive keys
   * (publication second, then the index), then ties within a second by nanos and id.
   */
  private static int[] newestOrder(long[] secs, int[] nanos, StoredArticle[] storedOf) {
    int n = secs.length;
    Integer[] boxed = null;
    int[] perm = new int[n];
    if (n >= (1 << 24)) {
      boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      Arrays.parallelSort(boxed, (a, b) -> compareNewest(a, b, secs, nanos, storedOf));
      for (int i = 0; i < n; i++) {
        perm[i] = boxed[i];
      }
      return perm;
    }
    long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long undated = (1L << 39) - 1;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long rank = secs[i] == NO_DATE_SEC ? undated : undated - 1 - (secs[i] - min);
      keys[i] = (rank << 24) | i;
    }
    Arrays.parallelSort(keys);
    for (int i = 0; i < n; i++) {
      perm[i] = (int) (keys[i] & 0xFFFFFF);
    }
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || (keys[i] >>> 24) != (keys[start] >>> 24)) {
        if (i - start > 1) {
          Integer[] run = new Integer[i - start];
          for (int k = 0; k < run.length; k++) {
            run[k] = perm[start + k];
          }
          Arrays.sort(run, (a, b) -> compareNewest(a, b, secs, nanos, storedOf));
          for (int k = 0; k < run.length; k++) {
            perm[start + k] = run[k];
          }
        }
        start = i;
      }
    }
    return perm;
  }

  private static int compareNewest(int a, int b, long[] secs, int[] nanos, StoredArticle[] storedOf) {
    int c = Long.compare(secs[b], secs[a]);
    if (c == 0) {
      c = Integer.compare(nanos[b], nanos[a]);
    }
    if (secs[a] == NO_DATE_SEC && secs[b] != NO_DATE_SEC) {
      return 1;
    }
    if (secs[b] == NO_DATE_SEC && secs[a] != NO_DATE_SEC) {
      return -1;
    }
    return c != 0 ? c : storedOf[a].id().compareTo(storedOf[b].id());
  }

  /**
   * Calls {@code action} with each document published or expiring after {@code since} (a
   * document may come twice): the front of the newest-first order, and the end of the expiry
   * order.
   */
  void forEachDueAfter(Instant since, DueAction action) {
    long sec = since.getEpochSecond();
    int nano = since.getNano();
    for (int d = 0; d < undatedStart && (pubSec[d] > sec || pubSec[d] == sec && pubNano[d] > nano); d++) {
      action.accept(d, pubSec[d], pubNano[d]);
    }
    for (int i = expiringDocs.length - 1; i >= 0 && (expSec[i] > sec || expSec[i] == sec && expNano[i] > nano); i--) {
      action.accept(expiringDocs[i], expSec[i], expNano[i]);
    }
  }

  /** A document and one of its instants (seconds and nanoseconds), read from the columns. */
  interface DueAction {
    void accept(int d, long sec, int nano);
  }

  /** Whether document {@code d} is a draft. */
  boolean draft(int d) {
    return (draftBits[d >>> 6] & (1L << d)) != 0;
  }

  /**
   * The earliest publication or expiry instant after {@code since} of any document, dead or
   * live; null when there is none. Two binary searches: publications are newest first,
   * expiries soonest first.
   */
  @Nullable Instant nextDueAfter(Instant since) {
    long sec = since.getEpochSecond();
    int nano = since.getNano();
    // The first document published at or before since; the one before it is the earliest after.
    int lo = 0;
    int hi = undatedStart;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pubSec[mid] > sec || pubSec[mid] == sec && pubNano[mid] > nano) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    Instant next = lo > 0 ? Instant.ofEpochSecond(pubSec[lo - 1], pubNano[lo - 1]) : null;
    lo = 0;
    hi = expiringDocs.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (expSec[mid] > sec || expSec[mid] == sec && expNano[mid] > nano) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (lo < expiringDocs.length) {
      Instant expiry = Instant.ofEpochSecond(expSec[lo], expNano[lo]);
      next = next == null || expiry.isBefore(next) ? expiry : next;
    }
    return next;
  }

  /** The postings of every field, in the order the constructor takes them. */
  RoaringBitmap[][] postings() {
    return new RoaringBitmap[][] {tagBits, categoryBits, langBits, sourceBits, sentimentBits};
  }

  // ------------------------------------------------------------------ lookups

  int position(String id) {
    int mask = idTable.length - 1;
    int slot = mix(id.hashCode()) & mask;
    while (true) {
      int d = idTable[slot];
      if (d < 0) {
        return -1;
      }
      if (stored[d].id().equals(id)) {
        return d;
      }
      slot = (slot + 1) & mask;
    }
  }

  String id(int d) {
    return stored[d].id();
  }

  /** Document {@code d}'s article with its revision. */
  StoredArticle stored(int d) {
    return stored[d];
  }

  /** Compares document {@code d}'s publishedAt with {@code t}; undated documents are earliest. */
  int comparePublished(int d, Instant t) {
    if (pubSec[d] == NO_DATE_SEC) {
      return t.equals(Entry.NO_DATE) ? 0 : -1;
    }
    if (t.equals(Entry.NO_DATE)) {
      return 1;
    }
    int c = Long.compare(pubSec[d], t.getEpochSecond());
    return c != 0 ? c : Integer.compare(pubNano[d], t.getNano());
  }

  boolean isUndated(int d) {
    return pubSec[d] == NO_DATE_SEC;
  }

  /** Document {@code d}'s publishedAt, {@link Entry#NO_DATE} when it has none. */
  Instant published(int d) {
    return isUndated(d) ? Entry.NO_DATE : Instant.ofEpochSecond(pubSec[d], pubNano[d]);
  }

  /** The answer of the last {@link #firstAtOrBefore} call: "now" moves on, the answer rarely. */
  private volatile int lastAtOrBefore = -1;

  /**
   * First document published at or before {@code t}. With {@code t} now, the documents before
   * it are exactly those {@link dev.broadsheet.Visibility#isScheduled} holds for.
   */
  int firstAtOrBefore(Instant t) {
    int k = lastAtOrBefore;
    if (k >= 0 && k <= undatedStart && (k == 0 || comparePublished(k - 1, t) > 0)
        && (k == undatedStart || comparePublished(k, t) <= 0)) {
      return k;
    }
    k = searchAtOrBefore(t);
    lastAtOrBefore = k;
    return k;
  }

  private int searchAtOrBefore(Instant t) {
    int lo = 0;
    int hi = undatedStart;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comparePublished(mid, t) > 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First document published strictly before {@code t} (undated ones excluded: returns at most undatedStart). */
  int firstBefore(Instant t) {
    int lo = 0;
    int hi = undatedStart;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comparePublished(mid, t) >= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The documents whose expiresAt is at or before {@code now}, those {@link
   * dev.broadsheet.Visibility#isExpired} holds for, found in the expiry order; cached while that
   * set stays the same.
   */
  RoaringBitmap expiredAt(Instant now) {
    int lo = 0;
    int hi = expiringDocs.length;
    long s = now.getEpochSecond();
    int ns = now.getNano();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compare(expSec[mid], s);
      if (c == 0) {
        c = Integer.compare(expNano[mid], ns);
      }
      if (c <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    Expired cached = expiredCache;
    if (cached != null && cached.k() == lo) {
      return cached.docs();
    }
    RoaringBitmap docs = RoaringBitmap.bitmapOf(Arrays.copyOf(expiringDocs, lo));
    expiredCache = new Expired(lo, docs);
    return docs;
  }

  /** Whether document {@code d} has expired at {@code now}. */
  boolean isExpired(int d, Instant now) {
    if ((expiringBits[d >>> 6] & (1L << d)) == 0) {
      return false;
    }
    return expiredAt(now).contains(d);
  }

  /** The field, tag, sticky and draft filters on one document; ranges and expiry are checked by callers. */
  boolean matchesFields(int d, Compiled q) {
    return Compiled.in(q.categories, category[d])
        && Compiled.in(q.langs, lang[d])
        && Compiled.in(q.sources, source[d])
        && Compiled.in(q.sentiments, sentiment[d])
        && sticky[d] >= q.minSticky
        && q.tagsMatch(tagData, tagStart[d], tagStart[d + 1])
        && Compiled.include(q.drafts, (draftBits[d >>> 6] & (1L << d)) != 0);
  }
}
