package dev.broadsheet.cli;

import dev.broadsheet.Article;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.markdown.ArticleCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes articles into a content folder as new files are written: canonical, by {@link ArticleCodec#write}. */
final class ContentFixture {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  private final Path root;

  ContentFixture(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** A published article with the fields queries look at; the id is also its path below the folder. */
  static Article.Builder article(String id, String publishedAt) {
    return Article.builder(id)
        .title("Article " + id)
        .publishedAt(Instant.parse(publishedAt))
        .lang("en")
        .body("## Overview\n\nA short body for " + id + ".\n");
  }

  static Article.Builder article(
      String id, String publishedAt, String category, List<String> tags, String sourceKey) {
    return article(id, publishedAt)
        .category(category)
        .tags(tags)
        .source(new Source(null, sourceKey, null));
  }

  static Article.Builder draft(String id) {
    return Article.builder(id).title("Draft " + id).draft(true).body("Not ready.\n");
  }

  /** Writes {@code article} to {@code id.md} below the folder. */
  Path write(Article.Builder article) throws IOException {
    Article a = article.build();
    return write(a.id() + ".md", CODEC.write(a));
  }

  Path write(String relative, String text) throws IOException {
    return write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String relative, byte[] bytes) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  /**
   * A small newsroom, seen as of {@link #AS_OF}: five visible articles, a draft, one scheduled
   * for later and one expired.
   */
  static ContentFixture newsroom(Path root) throws IOException {
    ContentFixture c = new ContentFixture(root);
    c.write(article("2026/01/bank-rates", "2026-01-10T09:00:00Z", "BUSINESS", List.of("ECONOMY", "RATES"), "ledger")
        .title("Central bank keeps its main rate where it was")
        .sentiment(Sentiment.NEUTRAL));
    c.write(article("2026/01/ferry-night", "2026-01-12T07:30:00Z", "LOCAL", List.of("TRANSPORT", "CITY"), "gazette")
        .title("Night ferries start in March")
        .sentiment(Sentiment.POSITIVE)
        .stickyWeight(3));
    c.write(article("2026/02/chip-plant", "2026-02-01T00:00:00Z", "BUSINESS", List.of("TECH", "ECONOMY"), "ledger")
        .title("Chip plant opening slips to next year")
        .sentiment(Sentiment.NEGATIVE)
        .stickyWeight(1));
    c.write(article("2026/02/stadium", "2026-02-15T18:00:00Z", "SPORTS", List.of("FOOTBALL", "CITY"), "bote")
        .title("Vereinsmitglieder stimmen für den Ausbau des Stadions an der Uferpromenade im Norden")
        .lang("de")
        .sentiment(Sentiment.POSITIVE));
    c.write(article("2026/02/ferry-fares", "2026-02-20T12:00:00Z", "LOCAL", List.of("TRANSPORT"), "gazette")
        .title("Ferry fares stay the same for another year"));
    c.write(draft("drafts/budget").category("BUSINESS").tags("ECONOMY"));
    c.write(article("2026/03/chip-launch", "2026-03-10T08:00:00Z", "TECHNOLOGY", List.of("TECH"), "ledger")
        .title("New chip goes on sale"));
    c.write(article("2026/01/winter-offer", "2026-01-05T10:00:00Z", "LOCAL", List.of("CITY"), "gazette")
        .title("Half-price museum tickets in January")
        .expiresAt(Instant.parse("2026-02-01T00:00:00Z")));
    return c;
  }

  /** The moment the newsroom is seen at. */
  static final String AS_OF = "2026-03-01T00:00:00Z";
}
