package dev.broadsheet.search.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.jspecify.annotations.Nullable;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * The analysis of each language group: stemming and stop words for the European languages,
 * bigrams for Chinese, Japanese and Korean, plain words otherwise; case and accents folded in
 * every group. An article is indexed in its group's fields only, and a query is read once per
 * group, so each group's words meet the same analysis they were indexed with.
 */
public enum Languages {
  EN("en"), DE("de"), FR("fr"), ES("es"), IT("it"), NL("nl"), PT("pt"), CJK("cjk"), OTHER("xx");

  private static final CharArraySet FRENCH_ELISION = new CharArraySet(
      List.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);
  private static final CharArraySet ITALIAN_ELISION = new CharArraySet(
      List.of("c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl",
          "sugl", "un", "m", "t", "s", "v", "d"), true);

  private final String suffix;
  private final Analyzer analyzer;

  Languages(String suffix) {
    this.suffix = suffix;
    this.analyzer = analyzerOf(suffix);
  }

  /**
   * The field naming each document's group by its {@link #suffix}: indexed as one word, so a
   * query can match a group's documents, and as doc values, so a search can read each
   * document's group.
   */
  public static final String GROUP_FIELD = "group";

  /** Every document of this group, each scoring 1. */
  public org.apache.lucene.search.Query documents() {
    return new org.apache.lucene.search.ConstantScoreQuery(
        new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(GROUP_FIELD, suffix)));
  }

  /** This group's field holding {@code name} (title, description, tags, body): {@code title_en}. */
  public String field(String name) {
    return name + "_" + suffix;
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  /** The group of an article's {@code lang} (a BCP 47 tag such as {@code de-AT}). */
  public static Languages of(@Nullable String lang) {
    if (lang == null) {
      return OTHER;
    }
    String primary = lang.strip().toLowerCase(Locale.ROOT);
    int dash = primary.indexOf('-');
    primary = dash < 0 ? primary : primary.substring(0, dash);
    return switch (primary) {
      case "en" -> EN;
      case "de" -> DE;
      case "fr" -> FR;
      case "es" -> ES;
      case "it" -> IT;
      case "nl" -> NL;
      case "pt" -> PT;
      case "zh", "ja", "ko" -> CJK;
      default -> OTHER;
    };
  }

  /** The group a field belongs to, by its suffix; null for a field of no group. */
  public static @Nullable Languages ofField(String field) {
    int at = field.lastIndexOf('_');
    if (at < 0) {
      return null;
    }
    return ofSuffix(field.substring(at + 1));
  }

  /** The group whose fields end in {@code _suffix}; null for none. */
  public static @Nullable Languages ofSuffix(String suffix) {
    for (Languages l : values()) {
      if (l.suffix.equals(suffix)) {
        return l;
      }
    }
    return null;
  }

  /** What this group's fields end in after the underscore: {@code en}. */
  public String suffix() {
    return suffix;
  }

  private static Analyzer analyzerOf(String suffix) {
    return switch (suffix) {
      case "en" -> chain(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET,
          t -> new PorterStemFilter(new EnglishPossessiveFilter(t)), null);
      case "de" -> chain(GermanAnalyzer.getDefaultStopSet(),
          t -> new GermanLightStemFilter(new GermanNormalizationFilter(t)), null);
      case "fr" -> chain(FrenchAnalyzer.getDefaultStopSet(), FrenchLightStemFilter::new, FRENCH_ELISION);
      case "es" -> chain(SpanishAnalyzer.getDefaultStopSet(), SpanishLightStemFilter::new, null);
      case "it" -> chain(ItalianAnalyzer.getDefaultStopSet(), ItalianLightStemFilter::new, ITALIAN_ELISION);
      case "nl" -> chain(DutchAnalyzer.getDefaultStopSet(), t -> new SnowballFilter(t, new DutchStemmer()), null);
      case "pt" -> chain(PortugueseAnalyzer.getDefaultStopSet(), PortugueseLightStemFilter::new, null);
      case "cjk" -> new CJKAnalyzer(CharArraySet.EMPTY_SET);
      default -> chain(CharArraySet.EMPTY_SET, Function.identity(), null);
    };
  }

  /**
   * Words, lower-cased, elisions removed ({@code l'}), stop words dropped, each kept both as it
   * is and stemmed (one token when the two agree), then accents folded: stemmers know their
   * language's accents, and folding last lets {@code Zurich} find {@code Zürich}. Keeping the
   * words lets a prefix match whole words and an exact form score above its stem's relatives,
   * without a second field to analyse.
   */
  private static Analyzer chain(CharArraySet stop, Function<TokenStream, TokenStream> stem,
      @Nullable CharArraySet elision) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream t = new LowerCaseFilter(source);
        if (elision != null) {
          t = new ElisionFilter(t, elision);
        }
        t = new StopFilter(t, stop);
        t = new RemoveDuplicatesTokenFilter(stem.apply(new KeywordRepeatFilter(t)));
        return new TokenStreamComponents(source, new ASCIIFoldingFilter(t));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }
    };
  }

  /** The analyzers by field, for a writer: each group's fields with its analyzer. */
  public static Map<String, Analyzer> byField(List<String> fieldNames) {
    Map<String, Analyzer> out = new java.util.HashMap<>();
    for (Languages l : values()) {
      for (String f : fieldNames) {
        out.put(l.field(f), l.analyzer);
      }
    }
    return out;
  }
}
