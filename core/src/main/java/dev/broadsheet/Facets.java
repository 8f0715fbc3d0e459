package dev.broadsheet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the matches of a query spread over categories, tags, sentiments, languages and sources.
 * Each map is ordered by count descending, then by value; values keep the spelling articles
 * use. {@code tags} holds the query's top tags only.
 *
 * @since 0.1.0
 */
public record Facets(
    int total,
    Map<String, Integer> categories,
    Map<String, Integer> tags,
    Map<Sentiment, Integer> sentiments,
    Map<String, Integer> langs,
    Map<String, Integer> sources) {

  public Facets {
    categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    sentiments = Collections.unmodifiableMap(new LinkedHashMap<>(sentiments));
    langs = Collections.unmodifiableMap(new LinkedHashMap<>(langs));
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }
}
