package dev.broadsheet.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * The passage of a text that matches a query best, as HTML that is safe by construction: the
 * text is escaped piece by piece and the only markup is the {@code <mark>} written here around
 * matched words.
 */
public final class Snippets {
  private static final String FIELD = "body";

  private Snippets() {}

  /** A match: where in the text, and which query word. */
  private record Match(int start, int end, int word) {}

  /**
   * The best passage of about {@code length} characters of {@code text}, analyzed as {@code
   * group}; empty when no word of {@code words} occurs in it.
   */
  public static Optional<String> best(String text, List<String> words, Languages group, int length) {
    Analyzer analyzer = group.analyzer();
    List<String> terms = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String w : words) {
      for (String t : terms(analyzer, w)) {
        if (!terms.contains(t)) {
          terms.add(t);
        }
      }
      BytesRef norm = analyzer.normalize(FIELD, w);
      prefixes.add(norm.utf8ToString());
    }
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    List<Match> matches = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        int word = terms.indexOf(term.toString());
        if (word < 0) {
          String surface = text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT);
          for (int i = 0; i < prefixes.size() && word < 0; i++) {
            if (prefixes.get(i).length() >= 2 && surface.startsWith(prefixes.get(i))) {
              word = terms.size() + i;
            }
          }
        }
        boolean sameWord = !matches.isEmpty() && matches.get(matches.size() - 1).start == offset.startOffset();
        if (word >= 0 && !sameWord) { // a word and its stem share their offsets: one mark
          matches.add(new Match(offset.startOffset(), offset.endOffset(), word));
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    int bestFirst = 0;
    double bestScore = -1;
    for (int i = 0; i < matches.size(); i++) {
      int windowEnd = matches.get(i).start + length;
      Set<Integer> distinct = new HashSet<>();
      int all = 0;
      for (int j = i; j < matches.size() && matches.get(j).end <= windowEnd; j++) {
        distinct.add(matches.get(j).word);
        all++;
      }
      double score = distinct.size() + all * 0.1;
      if (score > bestScore) {
        bestScore = score;
        bestFirst = i;
      }
    }
    int from = Math.max(0, Math.min(matches.get(bestFirst).start - length / 5, text.length() - length));
    from = wordStart(text, from);
    if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
      from++;
    }
    int to = wordEnd(text, Math.min(text.length(), from + length));
    if (to < text.length() && to > 0 && Character.isHighSurrogate(text.charAt(to - 1))) {
      to--;
    }
    StringBuilder html = new StringBuilder();
    if (from > 0) {
      html.append('…');
    }
    int at = from;
    for (Match m : matches) {
      if (m.start < from || m.end > to) {
        continue;
      }
      escape(text, at, m.start, html);
      html.append("<mark>");
      escape(text, m.start, m.end, html);
      html.append("</mark>");
      at = m.end;
    }
    escape(text, at, to, html);
    if (to < text.length()) {
      html.append('…');
    }
    return Optional.of(html.toString().strip());
  }

  private static List<String> terms(Analyzer analyzer, String word) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(FIELD, word)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static int wordStart(String text, int i) {
    if (i == 0) {
      return 0;
    }
    int j = i;
    while (j < text.length() && j - i < 20 && !Character.isWhitespace(text.charAt(j))) {
      j++;
    }
    return j < text.length() && j - i < 20 ? j + 1 : i;
  }

  private static int wordEnd(String text, int i) {
    int j = i;
    while (j > 0 && i - j < 20 && j < text.length() && !Character.isWhitespace(text.charAt(j))) {
      j--;
    }
    return j > 0 && i - j < 20 ? j : i;
  }

  /** Appends {@code text[from, to)} with every character HTML gives a meaning escaped. */
  private static void escape(String text, int from, int to, StringBuilder out) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (!Character.isWhitespace(c)) {
            out.append(c);
          } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' '); // runs of space, line breaks and the gaps of removed markup as one space
          }
        }
      }
    }
  }
}
