package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers the values of one field (categories, tags, ...) so the index stores ints, not
 * strings. Values that differ only in case share a number; the first spelling seen is the
 * label. Append-only and thread-safe; lookups of known spellings take no lock.
 */
public final class Dict {
  private final Map<String, Integer> bySpelling = new ConcurrentHashMap<>();
  private final Map<String, Integer> byKey = new ConcurrentHashMap<>();
  private volatile String[] labels = new String[16];
  private volatile String[] keys = new String[16];
  private volatile int size;

  /** The number of {@code spelling}, assigning one if it is new. */
  public int ordinal(String spelling) {
    Integer o = bySpelling.get(spelling);
    if (o != null) {
      return o;
    }
    return assign(spelling);
  }

  private synchronized int assign(String spelling) {
    String key = ArticleQuery.key(spelling);
    Integer o = byKey.get(key);
    if (o == null) {
      o = size;
      String[] l = labels;
      String[] k = keys;
      if (o == l.length) {
        l = Arrays.copyOf(l, l.length * 2);
        k = Arrays.copyOf(k, k.length * 2);
      }
      l[o] = spelling;
      k[o] = key;
      keys = k;
      labels = l;
      byKey.put(key, o);
      size = o + 1;
    }
    if (bySpelling.size() < 1_000_000) {
      bySpelling.put(spelling, o);
    }
    return o;
  }

  /** The number of a lower-cased key, or -1 if no article ever had it. */
  public int find(String key) {
    Integer o = byKey.get(key);
    return o == null ? -1 : o;
  }

  /** The lower-cased key of a number. */
  public String key(int ordinal) {
    return keys[ordinal];
  }

  public String label(int ordinal) {
    return labels[ordinal];
  }

  public int size() {
    return size;
  }
}
