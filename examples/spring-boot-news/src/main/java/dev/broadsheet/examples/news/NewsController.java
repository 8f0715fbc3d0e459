package dev.broadsheet.examples.news;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.Visibility;
import dev.broadsheet.markdown.render.ArticleRenderer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The site's pages, over the repository and renderer the Broadsheet starter provides. */
@Controller
public class NewsController {
  private static final int PAGE_SIZE = 10;

  private final ArticleRepository articles;
  private final ArticleRenderer renderer;
  private final Clock clock = Clock.systemUTC();

  /** An article in a list: its link, title, date, category and description. */
  public record Teaser(String href, String title, String date, @Nullable String category, @Nullable String description) {
    static Teaser of(Article a) {
      return new Teaser("/articles/" + a.id(), a.title(), NewsController.date(a.publishedAt()), a.category(), a.description());
    }
  }

  /** A category in the navigation: its link, name, how many articles it has, and whether it is shown now. */
  public record Desk(String href, String name, int count, boolean current) {}

  NewsController(ArticleRepository articles, ArticleRenderer renderer) {
    this.articles = articles;
    this.renderer = renderer;
  }

  /** The newest articles, pinned ones first, and every category with its count. */
  @GetMapping("/")
  String front(@RequestParam(name = "after", required = false) @Nullable String after, Model model) {
    model.addAttribute("heading", "Latest news");
    return listing(ArticleQuery.builder(), after, "/", null, model);
  }

  /** The articles of one category, newest first. */
  @GetMapping("/category/{category}")
  String category(@PathVariable("category") String category,
      @RequestParam(name = "after", required = false) @Nullable String after, Model model) {
    String key = category.toUpperCase(Locale.ROOT);
    if (!articles.facets(ArticleQuery.all()).categories().containsKey(key)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no category " + category);
    }
    model.addAttribute("heading", title(key));
    return listing(ArticleQuery.builder().categories(key), after, "/category/" + category, key, model);
  }

  /** One article, its body rendered to safe HTML; drafts, scheduled and expired articles are not found. */
  @GetMapping("/articles/{*id}")
  String article(@PathVariable("id") String id, Model model) {
    Article article = articles.get(id.substring(1))
        .filter(a -> Visibility.of(a, clock.instant()).isPublic())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no article " + id));
    model.addAttribute("article", Teaser.of(article));
    model.addAttribute("categoryHref", article.category() == null ? null : href(article.category()));
    model.addAttribute("rendered", renderer.render(article));
    model.addAttribute("desks", desks(article.category()));
    return "article";
  }

  private String listing(ArticleQuery.Builder query, @Nullable String after, String path, @Nullable String current,
      Model model) {
    Page<Article> page;
    try {
      page = articles.query(query.limit(PAGE_SIZE).cursor(after).build());
    } catch (InvalidQueryException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a page of this list");
    }
    model.addAttribute("teasers", page.items().stream().map(Teaser::of).toList());
    model.addAttribute("next", page.nextCursor().map(c -> path + "?after=" + c).orElse(null));
    model.addAttribute("desks", desks(current));
    return "listing";
  }

  /** Every category with public articles, most articles first. */
  private List<Desk> desks(@Nullable String current) {
    return articles.facets(ArticleQuery.all()).categories().entrySet().stream()
        .map(e -> new Desk(href(e.getKey()), title(e.getKey()), e.getValue(), e.getKey().equals(current)))
        .toList();
  }

  private static String href(String category) {
    return "/category/" + category.toLowerCase(Locale.ROOT);
  }

  /** {@code 1 March 2026}, in UTC; empty for none. */
  static String date(@Nullable Instant at) {
    return at == null ? "" : DATE.format(at);
  }

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** {@code SPORTS} as {@code Sports}. */
  static String title(String category) {
    return category.charAt(0) + category.substring(1).toLowerCase(Locale.ROOT);
  }
}
