package dev.broadsheet.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ReadmeExamples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of README.md's feeds and translations sections (fenced {@code ```java
 * feeds}) are compiled here: the code between the markers below must be the README's snippets,
 * in order, whitespace aside, and they must do what the README says.
 */
class ReadmeExampleTest {
  // README example begins
  NewsFeeds.Result publish(ArticleRepository repo, Path site) {
    NewsFeeds feeds = NewsFeeds.builder("https://news.example.com") // every link starts here
        .title("Harbour Times")                                       // feed titles, the news sitemap's publication
        .language("en")
        .build();                                                     // immutable, thread-safe
    byte[] sports = feeds.feed(repo, Channel.category("SPORTS"), FeedFormat.ATOM); // the newest 50, as Atom
    System.out.println(Channel.category("SPORTS").path(FeedFormat.ATOM) + ": " + sports.length + " bytes");
    return feeds.export(repo, site); // feed.rss, category/sports/feed.atom, sitemap.xml, robots.txt, ...
  }
  // README example ends

  // README example begins
  List<String> otherLanguages(ArticleRepository repo, String id) {
    List<String> langs = new ArrayList<>();
    for (Article version : repo.translations(id)) { // public articles with the same translationKey
      langs.add(version.lang() + " " + version.id());  // "de 2026/03/haushalt", by language
    }
    return langs;
  }
  // README example ends

  @TempDir Path dir;

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    ReadmeExamples.assertShown("feeds", "feeds/src/test/java/dev/broadsheet/feeds/ReadmeExampleTest.java", 2);
  }

  @Test
  void readmeExamplesWriteTheFilesAndListTheOtherLanguages() {
    List<Article> articles = new ArrayList<>(NewsFeedsTest.newsroom());
    articles.add(NewsFeedsTest.article("2026/03/derby", NewsFeedsTest.NOW.minusSeconds(60)).category("SPORTS")
        .build());
    ArticleRepository repo = NewsFeedsTest.repository(articles);
    NewsFeeds.Result r = publish(repo, dir);
    assertThat(r.files()).isEqualTo(r.feeds() + r.sitemaps() + 1);
    assertThat(dir.resolve("category/sports/feed.atom")).exists();
    assertThat(dir.resolve("sitemap.xml")).exists();
    assertThat(dir.resolve("robots.txt")).exists();
    assertThat(otherLanguages(repo, "2026/03/budget-en")).containsExactly("de 2026/03/budget-de", "es 2026/03/budget-es");
  }
}
