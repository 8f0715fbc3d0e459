package dev.broadsheet.spi;

import dev.broadsheet.Article;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A full-text index of the articles a repository holds, which answers the {@linkplain
 * dev.broadsheet.ArticleQuery#text() text} of queries. The repository keeps it current itself: it
 * {@linkplain #open opens} it once when built, then hands it every change it applies, saves and
 * outside edits alike, before the change is visible to queries. The repository's index stays
 * the filter engine: a search index only says which articles hold the words, and how well.
 *
 * <pre>{@code
 * ArticleRepository repo = ArticleRepository.builder()
 *     .store(store)
 *     .search(LuceneSearch.builder().folder(Path.of("state/search")).build())
 *     .build();
 * }</pre>
 *
 * <p>Registered explicitly with {@link dev.broadsheet.ArticleRepository.Builder#search}, never
 * discovered. Implementations are thread-safe: searches run concurrently with each other and
 * with one writer at a time. The repository closes the index when it is closed.
 *
 * @since 0.1.0
 */
public interface SearchIndex extends Closeable {
  /** What the index is opened over: the repository's articles, fetched whole on demand. */
  interface Source {
    /** The id and revision of every article the repository holds. */
    Map<String, Revision> revisions();

    /** The whole article with this id as stored now; empty when it is gone. */
    Optional<StoredArticle> article(String id) throws IOException;
  }

  /**
   * Brings the index up to {@code source}: articles at another revision or missing are indexed
   * (fetched whole), articles the source no longer holds are removed. Called once, before any
   * other method.
   */
  void open(Source source) throws IOException;

  /** Indexes {@code stored}, a whole article, replacing what the index holds for its id. */
  void put(StoredArticle stored) throws IOException;

  /** Removes the article with {@code id}, if indexed. */
  void remove(String id) throws IOException;

  /**
   * Every indexed article matching {@code text}, with its score (higher is better). Text a user
   * typed never fails to parse: what is not valid syntax is read as plain words.
   *
   * @throws dev.broadsheet.InvalidQueryException naming {@link dev.broadsheet.QueryOption#TEXT}
   *     when the text is over the index's limits (length, number of words)
   */
  TextMatches search(String text) throws IOException;

  /**
   * Every indexed article matching {@code text}, the same as {@link #search} finds, with scores
   * that may be left out (0): what a count or facets of the matches need. By default {@link
   * #search}; an index that can match without scoring overrides it.
   *
   * @throws dev.broadsheet.InvalidQueryException as {@link #search}
   * @since 0.1.0
   */
  default TextMatches matching(String text) throws IOException {
    return search(text);
  }

  /**
   * How many indexed articles match {@code text} among those {@code allowed} accepts: the
   * matches of {@link #matching} it accepts. What the repository asks for the total of a query
   * with text, with the query's filters as {@code allowed}. By default, {@link #matching}
   * counted; an index that can count with the filter applied as it matches overrides it.
   *
   * @param allowed as for {@link #best}
   * @throws dev.broadsheet.InvalidQueryException as {@link #search}
   * @since 0.1.0
   */
  default int count(String text, java.util.function.Predicate<String> allowed) throws IOException {
    TextMatches all = matching(text);
    int n = 0;
    for (int i = 0; i < all.size(); i++) {
      if (allowed.test(all.id(i))) {
        n++;
      }
    }
    return n;
  }

  /**
   * The {@code n} best matches of {@code text} among the articles {@code allowed} accepts, best
   * first; all of them when fewer match. What the repository asks first for a page in relevance
   * order, with the query's filters as {@code allowed}, before it asks for every match. An
   * index that can stop early asks {@code allowed} only about candidates good enough to be among
   * the best; by default, the best of {@link #search} that {@code allowed} accepts.
   *
   * <p>The scores are those {@link #search} gives, to the bit: the repository pages through
   * both with one cursor.
   *
   * @param allowed fast (a lookup), read-only and safe to ask from several threads at once (an
   *     index may search in parts side by side), and may be asked about any id; an {@link
   *     IdFilter} when the repository gives it, whose numbers an index may keep
   * @throws dev.broadsheet.InvalidQueryException as {@link #search}
   * @since 0.1.0
   */
  default TextMatches best(String text, int n, java.util.function.Predicate<String> allowed) throws IOException {
    TextMatches all = search(text);
    java.util.List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (allowed.test(all.id(i))) {
        order.add(i);
      }
    }
    order.sort((a, b) -> Float.compare(all.score(b), all.score(a)));
    int size = Math.min(n, order.size());
    String[] ids = new String[size];
    float[] scores = new float[size];
    for (int i = 0; i < size; i++) {
      ids[i] = all.id(order.get(i));
      scores[i] = all.score(order.get(i));
    }
    return TextMatches.of(ids, scores, size);
  }

  /**
   * The passage of {@code article} that best matches {@code text} as safe HTML: matched words in
   * {@code <mark>}, everything else escaped; empty when nothing in it matches.
   */
  Optional<String> snippet(String text, Article article);

  /**
   * The snippet of each of {@code articles} for {@code text}, in their order, each as {@link
   * #snippet} gives it: what a page of search hits shows. By default one after the other; an
   * index may make them side by side.
   *
   * @since 0.1.0
   */
  default java.util.List<Optional<String>> snippets(String text, java.util.List<Article> articles) {
    java.util.List<Optional<String>> out = new java.util.ArrayList<>(articles.size());
    for (Article a : articles) {
      out.add(snippet(text, a));
    }
    return out;
  }

  /** The matches of one search: ids and scores, in no particular order. */
  final class TextMatches {
    private static final TextMatches NONE = new TextMatches(new String[0], new float[0], 0);

    private final String[] ids;
    private final float[] scores;
    private final int size;

    private TextMatches(String[] ids, float[] scores, int size) {
      this.ids = ids;
      this.scores = scores;
      this.size = size;
    }

    /**
     * The first {@code size} of {@code ids} and {@code scores}, which the matches then own: the
     * caller must not change them.
     */
    public static TextMatches of(String[] ids, float[] scores, int size) {
      if (size < 0 || size > ids.length || size > scores.length) {
        throw new IllegalArgumentException("size must be from 0 to " + Math.min(ids.length, scores.length)
            + ", was " + size);
      }
      return new TextMatches(ids, scores, size);
    }

    public static TextMatches none() {
      return NONE;
    }

    public int size() {
      return size;
    }

    public String id(int i) {
      return ids[index(i)];
    }

    public float score(int i) {
      return scores[index(i)];
    }

    private int index(int i) {
      if (i < 0 || i >= size) {
        throw new IndexOutOfBoundsException(i);
      }
      return i;
    }

    @Override
    public String toString() {
      return "TextMatches[size=" + size + "]";
    }
  }

  /**
   * The filter {@link #best} is given by the repository: it also numbers the ids it knows, so an
   * index can look an id up once and then ask by number. A number is valid for as long as
   * {@link #numbering()} is the same object; ids that come and go meanwhile are still decided
   * by the id.
   *
   * @since 0.1.0
   */
  interface IdFilter extends java.util.function.Predicate<String> {
    /** What the numbers belong to: numbers kept from another numbering are not valid. */
    Object numbering();

    /** The number of {@code id} in {@link #numbering()}, or -1 when it has none. */
    int number(String id);

    /** {@link #test(Object) test(id)}, with {@code number} as {@link #number} gave it for {@code id}. */
    boolean test(String id, int number);

    /**
     * How many numbers {@link #forEachAllowed} gives; -1 (the default) when this filter cannot
     * list what it allows. An index may then mark the documents it holds by these numbers,
     * instead of asking about each candidate, when they are few.
     *
     * @since 0.1.0
     */
    default int allowedCount() {
      return -1;
    }

    /**
     * Gives each number whose id this filter allows by the number alone, once, in increasing
     * order: every id {@link #test(String, int)} accepts is one of these or one of {@link
     * #decidedById}.
     *
     * @throws UnsupportedOperationException when {@link #allowedCount} is -1
     * @since 0.1.0
     */
    default void forEachAllowed(java.util.function.IntConsumer number) {
      throw new UnsupportedOperationException("this filter cannot list what it allows");
    }

    /**
     * The ids this filter decides by the id, not the number (articles saved since the numbering
     * was made): {@link #test(Object) test(id)} answers for them, and an index must not take
     * their number's answer from {@link #forEachAllowed}. Empty by default.
     *
     * @since 0.1.0
     */
    default java.util.Collection<String> decidedById() {
      return java.util.List.of();
    }
  }
}
