package dev.broadsheet.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * What a user typed, read as a search box reads it: words (all required), {@code "a phrase"},
 * {@code -excluded}, {@code prefix*}. Every other character is a word separator, so no input
 * fails to parse; an unbalanced quote quotes to the end.
 */
public final class TextQuery {
  /** The syntax a user may use; any other operator character is read as text. */
  private static final int FLAGS = SimpleQueryParser.PHRASE_OPERATOR | SimpleQueryParser.PREFIX_OPERATOR
      | SimpleQueryParser.NOT_OPERATOR | SimpleQueryParser.WHITESPACE_OPERATOR;
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]");
  /** A star that does not end a word of at least two letters: a prefix that would match everything. */
  private static final Pattern BARE_STAR = Pattern.compile("(?<![\\p{L}\\p{N}][\\p{L}\\p{N}])\\*+");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  /** How much less a word matched at one edit counts than the word itself. */
  private static final float FUZZY_WEIGHT = 0.2f;

  /** The query text, cleaned. */
  public final String text;
  /** The words not excluded, without operators: what snippets mark. */
  public final List<String> words;
  /** Whether a word is long enough to be matched at edit distance 1. */
  public final boolean fuzzable;

  private TextQuery(String text, List<String> words, boolean fuzzable) {
    this.text = text;
    this.words = words;
    this.fuzzable = fuzzable;
  }

  /** Thrown for text over the limits; the message is the reason. */
  public static final class TooLong extends Exception {
    private static final long serialVersionUID = 1L;

    TooLong(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Reads {@code raw}, after checking it against the limits. */
  public static TextQuery read(String raw, int maxLength, int maxWords, int fuzzyMinLetters) throws TooLong {
    if (raw.length() > maxLength) {
      throw new TooLong("must be at most " + maxLength + " characters, was " + raw.length());
    }
    String text = CONTROL.matcher(raw).replaceAll(" ");
    text = BARE_STAR.matcher(text).replaceAll(" ");
    text = SPACE.matcher(text).replaceAll(" ").strip();
    List<String> words = new ArrayList<>();
    boolean fuzzable = false;
    boolean quoted = false;
    int count = 0;
    for (String token : text.split(" ")) {
      if (token.isEmpty()) {
        continue;
      }
      count++;
      boolean excluded = !quoted && token.startsWith("-");
      int quotes = token.length() - token.replace("\"", "").length();
      String word = token.replaceAll("[\"*]", "").replaceFirst("^-+", "");
      if (!excluded && !word.isEmpty()) {
        words.add(word);
        fuzzable |= !quoted && quotes == 0 && !token.endsWith("*") && letters(word) >= fuzzyMinLetters;
      }
      if (quotes % 2 == 1) {
        quoted = !quoted;
      }
    }
    if (count > maxWords) {
      throw new TooLong("must be at most " + maxWords + " words, was " + count);
    }
    return new TextQuery(text, List.copyOf(words), fuzzable);
  }

  private static int letters(String word) {
    return (int) word.codePoints().filter(Character::isLetter).count();
  }

  /**
   * This query over one language group's fields, with their weights; null when nothing of it is
   * left after analysis (only stop words, say).
   */
  public @Nullable Query in(Languages group, Map<String, Float> fieldWeights, boolean fuzzy, int fuzzyMinLetters) {
    Map<String, Float> weights = new LinkedHashMap<>();
    fieldWeights.forEach((f, w) -> weights.put(group.field(f), w));
    Parser parser = new Parser(group, weights, fuzzy, fuzzyMinLetters);
    parser.setDefaultOperator(BooleanClause.Occur.MUST);
    Query q = parser.parse(text);
    if (q instanceof org.apache.lucene.search.MatchNoDocsQuery) {
      return null;
    }
    if (unbounded(q)) {
      // What is left of a query of exclusions alone the parser reads as "everything but":
      // every document of the index, of every group. When the user's words were all stop
      // words here, this group's reading keeps nothing of them and matches nothing; a query of
      // exclusions alone matches this group's articles without them (each article once, by
      // its own group's reading).
      if (!words.isEmpty()) {
        return null;
      }
      return onlyGroup(q, group.documents());
    }
    return q;
  }

  /**
   * Whether {@code q} matches every document its exclusions leave: the parser's "everything"
   * ({@code *:*}) is all it requires. An exclusion beside a word ({@code +word +(-x *:*)}) is
   * bounded by the word.
   */
  private static boolean unbounded(Query q) {
    if (q instanceof org.apache.lucene.search.MatchAllDocsQuery) {
      return true;
    }
    if (q instanceof BoostQuery b) {
      return unbounded(b.getQuery());
    }
    if (!(q instanceof BooleanQuery bq)) {
      return false;
    }
    boolean required = false;
    boolean anyOptional = false;
    for (BooleanClause c : bq.clauses()) {
      switch (c.getOccur()) {
        case MUST, FILTER -> {
          if (!unbounded(c.getQuery())) {
            return false;
          }
          required = true;
        }
        case SHOULD -> anyOptional |= unbounded(c.getQuery());
        case MUST_NOT -> { }
      }
    }
    return required || anyOptional;
  }

  /** {@code q} with its "every document" made every document of one group ({@code group}). */
  private static Query onlyGroup(Query q, Query group) {
    if (q instanceof org.apache.lucene.search.MatchAllDocsQuery) {
      return group;
    }
    if (q instanceof BoostQuery b) {
      return new BoostQuery(onlyGroup(b.getQuery(), group), b.getBoost());
    }
    if (q instanceof BooleanQuery bq) {
      BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      for (BooleanClause c : bq.clauses()) {
        out.add(onlyGroup(c.getQuery(), group), c.getOccur());
      }
      return out.build();
    }
    return q;
  }

  /** SimpleQueryParser that adds, for long words, their matches at one edit, weighted less. */
  private static final class Parser extends SimpleQueryParser {
    private final boolean fuzzy;
    private final int fuzzyMinLetters;

    Parser(Languages group, Map<String, Float> weights, boolean fuzzy, int fuzzyMinLetters) {
      super(group.analyzer(), weights, FLAGS);
      this.fuzzy = fuzzy;
      this.fuzzyMinLetters = fuzzyMinLetters;
    }

    @Override
    protected @Nullable Query newDefaultQuery(String text) {
      Query exact = super.newDefaultQuery(text);
      if (!fuzzy || exact == null || letters(text) < fuzzyMinLetters) {
        return exact;
      }
      BooleanQuery.Builder near = new BooleanQuery.Builder();
      int n = 0;
      for (Map.Entry<String, Float> f : weights.entrySet()) {
        String term = single(f.getKey(), text);
        if (term != null) {
          near.add(new BoostQuery(new FuzzyQuery(new Term(f.getKey(), term), 1, 0, 50, true),
              f.getValue() * FUZZY_WEIGHT), BooleanClause.Occur.SHOULD);
          n++;
        }
      }
      if (n == 0) {
        return exact;
      }
      return new BooleanQuery.Builder()
          .add(exact, BooleanClause.Occur.SHOULD)
          .add(near.build(), BooleanClause.Occur.SHOULD)
          .build();
    }

    /**
     * A word and its stem, where they differ, each scored as a word of its own: an article with
     * the word as typed scores for both, above its stem's relatives; and each is one term to
     * Lucene's top-score skipping, whose bounds a synonym's merged impacts only loosen.
     */
    @Override
    protected Query newSynonymQuery(String field, TermAndBoost[] terms) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (TermAndBoost t : terms) {
        Query q = new TermQuery(new Term(field, t.term));
        any.add(t.boost == 1f ? q : new BoostQuery(q, t.boost), BooleanClause.Occur.SHOULD);
      }
      return any.build();
    }

    /**
     * A prefix matches whole words, not the stems the other fields hold: {@code renovat*}
     * finds {@code renovation}. Every match of a prefix counts the same.
     */
    @Override
    protected @Nullable Query newPrefixQuery(String text) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      int n = 0;
      for (Map.Entry<String, Float> f : weights.entrySet()) {
        String prefix = getAnalyzer().normalize(f.getKey(), text).utf8ToString();
        if (!prefix.isEmpty()) {
          any.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(f.getKey(), prefix))), f.getValue()),
              BooleanClause.Occur.SHOULD);
          n++;
        }
      }
      return n == 0 ? null : any.build();
    }

    /**
     * The stem of the one word {@code text} analyzes to in {@code field} (the last token of its
     * position, after the word as written); null for no word or several.
     */
    private @Nullable String single(String field, String text) {
      try (TokenStream ts = getAnalyzer().tokenStream(field, text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute position = ts.addAttribute(PositionIncrementAttribute.class);
        ts.reset();
        String out = null;
        int positions = 0;
        while (ts.incrementToken()) {
          positions += position.getPositionIncrement() > 0 ? 1 : 0;
          out = term.toString();
        }
        ts.end();
        return positions == 1 ? out : null;
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a string reader does not fail
      }
    }
  }
}
