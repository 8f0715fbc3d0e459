package dev.broadsheet.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Health;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.SearchHit;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.Visibility;
import dev.broadsheet.feeds.NewsFeeds;
import dev.broadsheet.markdown.render.ArticleRenderer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The read routes: pages of articles, one article as JSON or HTML, facets, health, the preview page. */
final class Reads {
  private final ArticleRepository repository;
  private final ArticleRenderer renderer;
  private final ObjectWriter listWriter;
  /** Lists, from each listed article's JSON kept while the article is (32 MB at most). */
  private final ListJson lists;
  private final ObjectWriter writer;
  private final int maxLimit;
  private final QueryReader queries;
  private final @Nullable NewsFeeds feeds;

  Reads(ArticleRepository repository, ArticleRenderer renderer, ObjectWriter listWriter, ObjectWriter writer,
      int maxLimit, @Nullable NewsFeeds feeds) {
    this.feeds = feeds;
    this.repository = repository;
    this.renderer = renderer;
    this.listWriter = listWriter;
    this.lists = new ListJson(listWriter, 32L << 20);
    this.writer = writer;
    this.maxLimit = maxLimit;
    this.queries = new QueryReader(maxLimit);
  }

  /**
   * Lists carry no {@code Last-Modified}: a list changes when an article leaves it (deleted,
   * turned draft, expired) or an older one enters it, which no article's dates tell. Their ETag,
   * from the repository's query version and the request, validates them.
   */
  Reply list(Call c) {
    ArticleQuery q = queries.read(c, QueryReader.LIST, Sort.STICKY_FIRST);
    if (q.text() == null) {
      return Reply.ok(MediaTypes.JSON_UTF8, lists.page(query(q)), c.cacheControl());
    }
    Page<SearchHit> hits = search(q);
    return Reply.ok(MediaTypes.JSON_UTF8, withSnippets(json(listWriter, articles(hits)), hits), c.cacheControl());
  }

  private static final ObjectMapper TREES = new ObjectMapper();

  /** The list's JSON with each item's {@code snippet} and {@code score} added. */
  private static byte[] withSnippets(byte[] list, Page<SearchHit> hits) {
    try {
      JsonNode tree = TREES.readTree(list);
      JsonNode items = tree.get("items");
      for (int i = 0; i < items.size(); i++) {
        SearchHit hit = hits.items().get(i);
        ((ObjectNode) items.get(i)).put("score", hit.score()).put("snippet", hit.snippetHtml());
      }
      return TREES.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new IllegalStateException("cannot add snippets to the list's JSON", e);
    }
  }

  private static Page<Article> articles(Page<SearchHit> hits) {
    return new Page<>(hits.items().stream().map(SearchHit::article).toList(), hits.nextCursor().orElse(null),
        hits::total);
  }

  private Page<SearchHit> search(ArticleQuery q) {
    try {
      return repository.search(q);
    } catch (InvalidQueryException e) {
      throw QueryReader.badRequest(e);
    }
  }

  Reply facets(Call c) {
    ArticleQuery q = queries.read(c, QueryReader.FACETS, Sort.STICKY_FIRST);
    Facets f;
    try {
      f = repository.facets(q);
    } catch (InvalidQueryException e) {
      throw QueryReader.badRequest(e);
    }
    return Reply.ok(MediaTypes.JSON_UTF8, json(writer, f), c.cacheControl());
  }

  Reply health(Call c) {
    noParameters(c);
    Health health = repository.health();
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    fields.put("status", health.status().name().toLowerCase(Locale.ROOT));
    fields.put("articles", repository.count(ArticleQuery.builder().asOf(c.now()).build()));
    fields.put("problems", health.problems());
    // Down is a 503 so that a load balancer that reads only the status takes this instance out.
    int status = health.status() == Health.Status.DOWN ? 503 : 200;
    return new Reply(status, MediaTypes.JSON_UTF8, Problems.json(fields), Reply.NO_STORE, Map.of(), null, null);
  }

  /** One article as JSON, or its page; the tag is its revision, so a client writes back with it. */
  Reply article(Call c, String rawId, boolean html) {
    noParameters(c);
    Optional<StoredArticle> found = repository.find(id(rawId));
    if (found.isEmpty()) {
      return notFound();
    }
    StoredArticle stored = found.get();
    String status = status(stored.article(), c.now());
    if (status != null && !c.preview()) {
      return notFound(); // a draft, scheduled or expired article does not exist for the public
    }
    Instant modified = lastModified(stored.article(), c.now());
    List<Article> translations = stored.article().translationKey() == null ? List.of()
        : repository.translations(stored.id());
    if (!html) {
      byte[] json = json(writer, stored);
      if (stored.article().translationKey() != null) {
        json = Translations.listed(writer, json, translations);
      }
      return Reply.ok(MediaTypes.JSON_UTF8, json, c.cacheControl())
          .withValidators(Validators.ofRevision(stored.revision()), modified);
    }
    String body = renderer.render(stored).html();
    List<Html.Alternate> alternates = new ArrayList<>();
    if (!translations.isEmpty() && stored.article().lang() != null) {
      alternates.add(new Html.Alternate(stored.article().lang(), pageUrl(c, stored.id())));
      for (Article t : translations) {
        if (t.lang() != null) {
          alternates.add(new Html.Alternate(t.lang(), pageUrl(c, t.id())));
        }
      }
    }
    byte[] page = Html.articlePage(stored.article(), body, c.base(), status, alternates);
    return Reply.ok(MediaTypes.HTML, page, c.cacheControl())
        .withHeader("Content-Security-Policy", Html.CONTENT_SECURITY_POLICY)
        .withValidators(Validators.ofPage(stored.revision(), status), modified);
  }

  /** An article page's URL: absolute from the feeds' base URL when there are feeds. */
  private String pageUrl(Call c, String id) {
    return feeds != null ? feeds.articleUrl(id) : c.base() + "/" + NewsFeeds.articlePath(id);
  }

  Reply home(Call c) {
    ArticleQuery q = queries.read(c, QueryReader.LIST, Sort.NEWEST);
    Page<SearchHit> hits = q.text() == null ? null : search(q);
    Page<Article> page = hits == null ? query(q) : articles(hits);
    Instant at = q.asOf() != null ? q.asOf() : c.now();
    List<Html.Item> items = new ArrayList<>();
    for (int i = 0; i < page.items().size(); i++) {
      Article a = page.items().get(i);
      items.add(new Html.Item(a, c.preview() ? status(a, at) : null,
          hits == null ? null : hits.items().get(i).snippetHtml()));
    }
    String next = page.nextCursor().map(cursor -> nextQuery(c.params(), cursor)).orElse(null);
    return Reply.ok(MediaTypes.HTML, Html.listPage(items, page.total(), c.base(), next, q.text()), c.cacheControl())
        .withHeader("Content-Security-Policy", Html.LIST_SECURITY_POLICY);
  }

  /** Refuses any query parameter: the route takes none. */
  void noParameters(Call c) {
    queries.read(c, Set.of(), Sort.STICKY_FIRST);
  }

  /**
   * The id a raw path names, decoded once.
   *
   * @throws Refused with a 400 for bytes that are not UTF-8, a 404 for an id the store's rules
   *     refuse (one that could reach outside the content, say)
   */
  static String id(String rawId) {
    String id = Params.decode(rawId, false);
    if (id == null) {
      throw new Refused(Problems.of(400, "The article id in the path is not valid percent-encoded UTF-8."));
    }
    if (!ArticleIds.isValid(id)) {
      throw new Refused(notFound());
    }
    return id;
  }

  /**
   * When an article last changed, as far as it says: {@code updatedAt} when it is the later,
   * else {@code publishedAt}; never later than now (a preview of a scheduled article). Null
   * when it has neither.
   */
  static @Nullable Instant lastModified(Article a, Instant now) {
    Instant t = a.publishedAt();
    if (a.updatedAt() != null && (t == null || a.updatedAt().isAfter(t))) {
      t = a.updatedAt();
    }
    return t == null || t.isBefore(now) ? t : now;
  }

  /** The query string of the page after this one: the same parameters, the new cursor. */
  private static String nextQuery(Params params, String cursor) {
    List<String> pairs = new ArrayList<>();
    params.all().forEach((name, values) -> {
      if (!name.equals("cursor")) {
        values.forEach(v -> pairs.add(encode(name) + "=" + encode(v)));
      }
    });
    pairs.add("cursor=" + encode(cursor));
    return String.join("&", pairs);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Why the public cannot see {@code a} at {@code now}, or null when it can. */
  static @Nullable String status(Article a, Instant now) {
    Visibility v = Visibility.of(a, now);
    return v.isPublic() ? null : v.label();
  }

  private Page<Article> query(ArticleQuery q) {
    try {
      return repository.query(q);
    } catch (InvalidQueryException e) {
      throw QueryReader.badRequest(e);
    }
  }

  static Reply notFound() {
    return Problems.of(404, "Nothing is served at this path.");
  }

  static byte[] json(ObjectWriter w, Object value) {
    try {
      return w.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
