package dev.broadsheet.internal;

import dev.broadsheet.StoredArticle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The articles of a snapshot grouped by {@code translationKey}, made once per snapshot on the
 * first question and kept until the snapshot changes: a page that links its translations asks
 * for every article it shows, and a group is found in a map instead of a walk over the index.
 */
public final class TranslationGroups {
  private final Object version;
  private final Map<String, List<StoredArticle>> byKey;

  private TranslationGroups(Object version, Map<String, List<StoredArticle>> byKey) {
    this.version = version;
    this.byKey = byKey;
  }

  /**
   * The groups of {@code all}, the articles of the snapshot {@code version}; {@code known} when
   * it was made for that snapshot already.
   */
  public static TranslationGroups of(@Nullable TranslationGroups known, Object version, Iterator<StoredArticle> all) {
    if (known != null && known.version == version) {
      return known;
    }
    Map<String, List<StoredArticle>> byKey = new HashMap<>();
    while (all.hasNext()) {
      StoredArticle s = all.next();
      String key = s.article().translationKey();
      if (key != null && !key.isBlank()) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>(4)).add(s);
      }
    }
    return new TranslationGroups(version, byKey);
  }

  /** The articles with {@code key}, any visibility, in no particular order. */
  public List<StoredArticle> group(String key) {
    return byKey.getOrDefault(key, List.of());
  }
}
