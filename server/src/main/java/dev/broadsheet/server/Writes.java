package dev.broadsheet.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleField;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.server.JsonLocations.Position;
import dev.broadsheet.server.Validators.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The write routes. Every write is conditional: a replace, patch or delete names the revision it
 * read ({@code If-Match} with the article's ETag), a create that no article has the id ({@code
 * POST}, or {@code PUT} with {@code If-None-Match: *}); the repository's conditional save and
 * delete make the check and the write one step, so of two writers with the same tag exactly one
 * wins. A save goes through the store, whose file store changes only the lines of the fields
 * that changed.
 */
final class Writes {
  private final ArticleRepository repository;
  private final ObjectMapper mapper;
  private final ObjectReader articles;
  private final ObjectWriter writer;

  Writes(ArticleRepository repository, ObjectMapper fullMapper) {
    this.repository = repository;
    this.mapper = fullMapper;
    this.articles = fullMapper.readerFor(Article.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.writer = fullMapper.writer();
  }

  /**
   * The answer to a write sent without the precondition it needs, or null when it has one;
   * checked before the body is read.
   */
  static @Nullable Reply missingPrecondition(Route route, ApiRequest r) {
    boolean ifMatch = !r.headers("If-Match").isEmpty();
    List<Tag> match = Validators.tags(r.headers("If-Match"));
    if (match.stream().anyMatch(Tag::isAny)) {
      return Problems.of(428, "If-Match must name the article's current ETag; '*' would overwrite whatever is stored.");
    }
    return switch (route) {
      case REPLACE_ARTICLE -> ifMatch || createOnly(r) ? null
          : Problems.of(428, "PUT needs If-Match with the article's current ETag, or If-None-Match: * to create it.");
      case PATCH_ARTICLE, DELETE_ARTICLE -> ifMatch ? null
          : Problems.of(428, route.method + " needs If-Match with the article's current ETag (GET it first).");
      default -> null;
    };
  }

  /** Whether the request asks to create only: {@code If-None-Match: *}. */
  private static boolean createOnly(ApiRequest r) {
    List<Tag> tags = Validators.tags(r.headers("If-None-Match"));
    return tags.size() == 1 && tags.get(0).isAny();
  }

  // ------------------------------------------------------------------ routes

  /** {@code POST /articles}: a new article, refused when its id is taken in any spelling the store equates. */
  Reply create(Call c, byte[] body) {
    Article article = read(body);
    if (repository.find(article.id()).isPresent()) {
      return exists(article.id());
    }
    try {
      return saved(c, save(article, Revision.NONE, JsonLocations.of(body)), 201);
    } catch (ArticleConflictException e) {
      return exists(article.id());
    }
  }

  /** {@code PUT /articles/{id}}: the whole article, replacing the revision named, or created. */
  Reply replace(Call c, String id, byte[] body) {
    Article article = read(body);
    if (!article.id().equals(id)) {
      throw invalid(List.of(idProblem(id, "id must be the id in the path, '" + Printable.of(id, 200) + "'")),
          JsonLocations.of(body));
    }
    boolean create = r(c).headers("If-Match").isEmpty();
    Revision expected = create ? Revision.NONE : expected(c, id);
    try {
      return saved(c, save(article, expected, JsonLocations.of(body)), create ? 201 : 200);
    } catch (ArticleConflictException e) {
      return stale(e.actual(), create);
    }
  }

  /**
   * {@code PATCH /articles/{id}}: a JSON Merge Patch over the article's JSON. Only the fields the
   * patch names change, so the store's edit touches only their lines; the id cannot change.
   */
  Reply patch(Call c, String id, byte[] body) {
    Optional<StoredArticle> found = repository.find(id);
    if (found.isEmpty()) {
      return Reads.notFound();
    }
    Article current = found.get().article();
    Revision expected = expected(c, id);
    JsonNode patch = parse(body);
    JsonLocations where = JsonLocations.of(body);
    List<Problem> problems = new ArrayList<>();
    JsonNode merged = MergePatch.apply(mapper.valueToTree(current), patch);
    if (patch.isObject() && patch.has("id") && !patch.get("id").equals(TextNode.valueOf(current.id()))) {
      problems.add(idProblem(current.id(), "the id cannot change; create the article under its new id and delete this one"));
      ((ObjectNode) merged).put("id", current.id());
    }
    Article read = null;
    try {
      read = articles.readValue(merged);
    } catch (InvalidArticleException e) {
      problems.addAll(e.problems());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read a JSON tree", e);
    } catch (IllegalArgumentException e) {
      throw invalidOr(e);
    }
    if (read == null && problems.isEmpty()) {
      problems.add(Problem.error(current.id(), 0, 0, "$", "type", "an article must be a JSON object, was null"));
    }
    if (!problems.isEmpty()) {
      throw invalid(problems, where);
    }
    Article changed = onlyPatched(current, read, (ObjectNode) patch);
    try {
      return saved(c, save(changed, expected, where), 200);
    } catch (ArticleConflictException e) {
      return stale(e.actual(), false);
    }
  }

  /** {@code DELETE /articles/{id}}. */
  Reply delete(Call c, String id) {
    Optional<StoredArticle> found = repository.find(id);
    if (found.isEmpty()) {
      return Reads.notFound();
    }
    Revision expected = expected(c, id);
    try {
      if (!repository.delete(found.get().id(), expected)) {
        return Reads.notFound();
      }
    } catch (ArticleConflictException e) {
      return stale(e.actual(), false);
    }
    return Reply.empty(204);
  }

  // ------------------------------------------------------------------ reading bodies

  private static ApiRequest r(Call c) {
    return c.request();
  }

  /** The article a body holds, or a refusal listing every problem by its JSON path. */
  private Article read(byte[] body) {
    Article a;
    try {
      a = articles.readValue(body);
    } catch (InvalidArticleException e) {
      throw invalid(e.problems(), JsonLocations.none());
    } catch (JsonMappingException e) {
      throw e.getCause() instanceof InvalidArticleException ia ? invalid(ia.problems(), JsonLocations.none())
          : malformed(e);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read a byte array", e);
    }
    if (a == null) {
      throw invalid(List.of(Problem.error("json", 1, 1, "$", "type", "an article must be a JSON object, was null")),
          JsonLocations.none());
    }
    return a;
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode n = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
      if (n == null || n.isMissingNode()) {
        throw new Refused(Problems.typed(400, Problems.MALFORMED_JSON, "Malformed JSON", "The body is empty.", Map.of()));
      }
      return n;
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read a byte array", e);
    }
  }

  private static RuntimeException invalidOr(IllegalArgumentException e) {
    if (e.getCause() instanceof InvalidArticleException ia) {
      return invalid(ia.problems(), JsonLocations.none());
    }
    return e;
  }

  /**
   * {@code current} with the fields {@code patch} names taken from {@code read}, the patched
   * article: the others keep their values exactly, whatever a trip through JSON would do to
   * them (a non-finite number in {@code extra}, say).
   */
  private static Article onlyPatched(Article current, Article read, ObjectNode patch) {
    Article out = current;
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String key = member.getKey();
      switch (key) {
        case "id", "revision" -> { }
        case "body" -> out = out.withBody(read.body());
        case "extra" -> {
          JsonNode extra = patch.get("extra");
          Map<String, @Nullable Object> values;
          if (extra.isObject()) {
            values = new LinkedHashMap<>(out.extra());
            for (Map.Entry<String, JsonNode> m : extra.properties()) {
              if (m.getValue().isNull()) {
                values.remove(m.getKey());
              } else {
                values.put(m.getKey(), read.extra().get(m.getKey()));
              }
            }
          } else {
            values = read.extra();
          }
          out = out.toBuilder().extra(values).build();
        }
        default -> {
          ArticleField field = ArticleField.topLevel(key);
          if (field != null) {
            out = field.with(out, field.get(read));
          }
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ saving

  /** The revision {@code If-Match} names: its one strong tag, or among several the current one. */
  private Revision expected(Call c, String id) {
    List<Revision> named = new ArrayList<>();
    for (Tag t : Validators.tags(r(c).headers("If-Match"))) {
      if (!t.weak() && !t.isAny() && !t.opaque().isEmpty()) {
        named.add(Validators.revisionOf(t));
      }
    }
    if (named.isEmpty()) {
      Revision now = repository.find(id).map(StoredArticle::revision).orElse(null);
      throw new Refused(staleReply(now, "If-Match names no strong ETag; send the ETag the article was read with."));
    }
    if (named.size() > 1) {
      Revision now = repository.find(id).map(StoredArticle::revision).orElse(null);
      if (now != null && named.contains(now)) {
        return now;
      }
    }
    return named.get(0);
  }

  private StoredArticle save(Article article, Revision expected, JsonLocations where) {
    try {
      return new StoredArticle(article, repository.save(article, expected));
    } catch (InvalidArticleException e) {
      throw invalid(e.problems(), where);
    } catch (InvalidIdException e) {
      // The reader checked the id's own rules, so the store refused it for what it holds: an
      // article whose id differs only in case or Unicode normalization. Its message names files.
      throw new Refused(exists(article.id()));
    }
  }

  private Reply saved(Call c, StoredArticle s, int status) {
    Reply r = new Reply(status, MediaTypes.JSON_UTF8, Reads.json(writer, s), Reply.NO_STORE, Map.of(),
        Validators.ofRevision(s.revision()), Reads.lastModified(s.article(), c.now()));
    return status == 201 ? r.withHeader("Location", c.base() + "/articles/" + Html.pathOf(s.id())) : r;
  }

  // ------------------------------------------------------------------ refusals

  private static Problem idProblem(String id, String message) {
    return Problem.error(id, 0, 0, "$.id", "id", message);
  }

  /** 422 listing every problem with its JSON Pointer, JSON path, line, column, rule and message. */
  static Refused invalid(List<Problem> problems, JsonLocations where) {
    List<Map<String, @Nullable Object>> errors = new ArrayList<>();
    for (Problem p : problems) {
      String path = p.field() == null ? "$" : p.field().startsWith("$") ? p.field() : "$." + p.field();
      Position at = p.line() > 0 ? new Position(p.line(), p.column()) : where.at(path);
      Map<String, @Nullable Object> e = new LinkedHashMap<>();
      e.put("pointer", JsonLocations.pointer(path));
      e.put("path", path);
      e.put("line", at.line());
      e.put("column", at.column());
      e.put("rule", p.rule());
      e.put("message", p.message());
      errors.add(e);
    }
    String detail = problems.size() == 1
        ? errors.get(0).get("path") + ": " + problems.get(0).message()
        : problems.size() + " problems make the article invalid.";
    return new Refused(Problems.typed(422, Problems.INVALID_ARTICLE, "Invalid article", detail,
        Map.of("errors", errors)));
  }

  private static Refused malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    Map<String, @Nullable Object> members = new LinkedHashMap<>();
    members.put("line", at == null ? 0 : Math.max(0, at.getLineNr()));
    members.put("column", at == null ? 0 : Math.max(0, at.getColumnNr()));
    String message = e.getOriginalMessage() == null ? "not JSON" : e.getOriginalMessage();
    if (message.startsWith("No content to map")) {
      message = "The body is empty.";
    }
    return new Refused(Problems.typed(400, Problems.MALFORMED_JSON, "Malformed JSON",
        "The body is not JSON: " + Printable.of(message, 200), members));
  }

  private static Reply exists(String id) {
    return Problems.typed(409, Problems.ARTICLE_EXISTS, "Conflict", "An article with the id '" + Printable.of(id, 200)
        + "' exists already (ids that differ only in case are one article); change it with PUT and If-Match.",
        Map.of());
  }

  /** 412 naming what is stored now, so the client can read it again and retry. */
  private static Reply stale(Revision actual, boolean create) {
    Revision now = actual.equals(Revision.NONE) ? null : actual;
    String detail = create
        ? "An article with this id exists already; replace it with If-Match and its current ETag."
        : now == null ? "The article does not exist (any more)."
        : "The article changed since it was read; its current ETag is " + Validators.ofRevision(now) + ".";
    return staleReply(now, detail);
  }

  private static Reply staleReply(@Nullable Revision now, String detail) {
    Map<String, @Nullable Object> members = new LinkedHashMap<>();
    members.put("currentRevision", now == null ? null : now.value());
    members.put("currentEtag", now == null ? null : Validators.ofRevision(now));
    return Problems.typed(412, Problems.REVISION_MISMATCH, "Precondition Failed", detail, members);
  }
}
