package dev.broadsheet.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleField;
import dev.broadsheet.Health;
import dev.broadsheet.QueryOption;
import dev.broadsheet.Sentiment;
import dev.broadsheet.feeds.FeedFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 description of the API that {@code GET /openapi.json} serves, made from {@link
 * Route} (paths, methods, query options, permissions, body media types), {@link ArticleField}
 * (the article's members) and the problem types below, so that it cannot drift from what the API
 * answers. A new route is a constant in {@link Route} and a case in {@link #responses} (the
 * compiler asks for it) with its media types; a parameter that is not a {@link QueryOption} goes into {@link
 * #parameters}; a member of the article JSON that is not an {@link ArticleField} into {@link
 * #article}; a problem type into {@link #PROBLEM_TYPES}.
 */
final class OpenApi {
  static final String VERSION = "3.1.0";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCHEMAS = "#/components/schemas/";

  /** A problem type the API answers with: its URI, its schema's name and its own members. */
  record ProblemType(String uri, String schema, String title, Map<String, ObjectNode> members, List<String> required) {}

  /** Every problem type, one schema each; {@code about:blank} covers problems that need no type of their own. */
  static final List<ProblemType> PROBLEM_TYPES = List.of(
      new ProblemType("about:blank", "Problem", "A problem the status code says enough about",
          orderedOf("maxBytes", integer(1)), List.of()),
      new ProblemType(Problems.INVALID_PARAMS, "InvalidParametersProblem", "Invalid request parameters",
          orderedOf("invalid-params", arrayOf(object(orderedOf("name", string(), "reason", string()), "name", "reason"))),
          List.of("invalid-params")),
      new ProblemType(Problems.MALFORMED_JSON, "MalformedJsonProblem", "The body is not JSON",
          orderedOf("line", integer(0), "column", integer(0)), List.of()),
      new ProblemType(Problems.INVALID_ARTICLE, "InvalidArticleProblem", "The article breaks a content rule",
          orderedOf("errors", arrayOf(object(orderedOf(
              "pointer", string().put("description", "RFC 6901 JSON Pointer into the body"),
              "path", string().put("description", "The JSON path, as $.tags[1]"),
              "line", integer(0),
              "column", integer(0),
              "rule", string(),
              "message", string()), "pointer", "path", "line", "column", "rule", "message"))),
          List.of("errors")),
      new ProblemType(Problems.REVISION_MISMATCH, "RevisionMismatchProblem",
          "The article changed since the ETag given was read",
          orderedOf("currentRevision", nullable(string()), "currentEtag", nullable(string())),
          List.of("currentRevision", "currentEtag")),
      new ProblemType(Problems.ARTICLE_EXISTS, "ArticleExistsProblem", "An article with this id exists",
          Map.of(), List.of()),
      new ProblemType(Changes.INVALID_TOKEN, "InvalidSyncTokenProblem", "A sync token that is not one",
          orderedOf("parameter", string()), List.of("parameter")),
      new ProblemType(Changes.EXPIRED_TOKEN, "SyncTokenExpiredProblem",
          "A sync token older than the change feed keeps", Map.of(), List.of()));

  private OpenApi() {}

  /** The document for an API mounted at {@code base} ({@code ""} or {@code /api}), as JSON. */
  static byte[] json(String base) {
    try {
      return MAPPER.writeValueAsBytes(document(base));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  static ObjectNode document(String base) {
    ObjectNode doc = F.objectNode();
    doc.put("openapi", VERSION);
    doc.putObject("info")
        .put("title", "Broadsheet content API")
        .put("version", "0.1.0")
        .put("description", "Articles as JSON and HTML pages, their facets, the change feed, and writes. "
            + "HEAD is answered wherever GET is. Errors are RFC 9457 problem documents (application/problem+json).")
        .putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
    doc.putArray("servers").addObject().put("url", base.isEmpty() ? "/" : base);
    ObjectNode paths = doc.putObject("paths");
    for (Route.Path path : Route.Path.values()) {
      ObjectNode item = paths.putObject(path.template);
      if (path.template.contains("{id}")) {
        item.putArray("parameters").add(param("id", "path", string(), true,
            "The article's id; it may hold slashes, sent as they are."));
      }
      pathParameters(path).forEach(p -> {
        if (!item.has("parameters")) {
          item.putArray("parameters");
        }
        ((ArrayNode) item.get("parameters")).add(p);
      });
      for (Route r : Route.values()) {
        if (r.path == path) {
          item.set(r.method.toLowerCase(Locale.ROOT), operation(r));
        }
      }
      item.set("options", options(path));
    }
    ObjectNode components = doc.putObject("components");
    components.putObject("securitySchemes").putObject("bearer")
        .put("type", "http").put("scheme", "bearer")
        .put("description", "The preview token (drafts, scheduled and expired articles, asOf) or the "
            + "write token (POST, PUT, PATCH, DELETE), as the server is configured.");
    components.set("schemas", schemas());
    return doc;
  }

  // ------------------------------------------------------------------ operations

  private static ObjectNode operation(Route r) {
    ObjectNode op = F.objectNode();
    op.put("operationId", camel(r.name()));
    op.put("summary", r.summary);
    ArrayNode security = op.putArray("security");
    if (r.permission == null) {
      security.addObject(); // anonymous, or a token for previews
    }
    security.addObject().putArray("bearer");
    ArrayNode params = op.putArray("parameters");
    parameters(r).forEach(params::add);
    if (params.isEmpty()) {
      op.remove("parameters");
    }
    if (r.mediaType != null) {
      ObjectNode body = op.putObject("requestBody").put("required", true);
      body.putObject("content").putObject(r.mediaType).set("schema",
          r == Route.PATCH_ARTICLE ? ref("ArticlePatch") : ref("ArticleInput"));
    }
    op.set("responses", responses(r).node());
    return op;
  }

  /** The parameters in the paths of feeds and sitemaps. */
  private static List<ObjectNode> pathParameters(Route.Path path) {
    List<ObjectNode> out = new ArrayList<>();
    if (path.template.contains("{key}")) {
      out.add(param("key", "path", string(), true,
          "The category or tag as the static export names it: lower case, other bytes as ~ and two hex digits."));
    }
    if (path.template.contains("{format}")) {
      ObjectNode formats = string();
      formats.putArray("enum").add("rss").add("atom").add("json");
      out.add(param("format", "path", formats, true, "RSS 2.0, Atom 1.0 or JSON Feed 1.1."));
    }
    if (path.template.contains("{page}")) {
      out.add(param("page", "path", integer(1), true, "The page of a paged sitemap, from 1."));
    }
    return out;
  }

  /** The parameters of a route besides the path's id: its query options, and what else it reads. */
  private static List<ObjectNode> parameters(Route r) {
    List<ObjectNode> out = new ArrayList<>();
    r.options.stream().sorted().forEach(o -> out.add(query(o)));
    switch (r) {
      case CHANGES, EVENTS -> {
        out.add(param("since", "query", string(), false,
            "The sync token of the last page or event read; none for the whole feed (/changes) or from now (/events)."));
        if (r == Route.CHANGES) {
          out.add(param("limit", "query", integer(1), false, "Changes per page, from 1; default 100."));
        } else {
          out.add(param("Last-Event-ID", "header", string(), false, "Resume after this event; wins over since."));
        }
      }
      case REPLACE_ARTICLE -> {
        out.add(param("If-Match", "header", string(), false, "The article's current ETag, to replace it."));
        out.add(param("If-None-Match", "header", string().put("const", "*"), false, "*: create the article only."));
      }
      case PATCH_ARTICLE, DELETE_ARTICLE ->
          out.add(param("If-Match", "header", string(), true, "The article's current ETag."));
      default -> {
        if (r.method.equals("GET")) {
          out.add(param("If-None-Match", "header", string(), false, "A 304 when one of these tags is current."));
          if (r == Route.GET_ARTICLE || r == Route.GET_ARTICLE_PAGE) {
            out.add(param("If-Modified-Since", "header", string(), false,
                "A 304 when the article has not changed since (read only without If-None-Match)."));
          }
        }
      }
    }
    return out;
  }

  private static ObjectNode query(QueryOption o) {
    ObjectNode schema = switch (o.valueLabel()) {
      case "N" -> integer(0);
      case "true|false" -> F.objectNode().put("type", "boolean");
      default -> string();
    };
    String label = o.valueLabel().contains("|") ? " One of " + o.valueLabel().replace("|", ", ") + "." : "";
    ObjectNode p = param(o.key(), "query", o.repeatable() ? arrayOf(schema) : schema, false, o.description() + label);
    if (o.repeatable()) {
      p.put("style", "form").put("explode", true);
    }
    if (o.kind() == QueryOption.Kind.VISIBILITY) {
      p.put("description", p.get("description").asText() + " Needs the preview token.");
    }
    return p;
  }

  private static ObjectNode param(String name, String in, ObjectNode schema, boolean required, String description) {
    ObjectNode p = F.objectNode().put("name", name).put("in", in);
    if (required) {
      p.put("required", true);
    }
    p.put("description", description);
    p.set("schema", schema);
    return p;
  }

  /**
   * Every answer a route gives: what it is for, then the refusals any route may give (a bad
   * parameter, a bad token, a missing permission, a query string too long, a failure).
   */
  static Responses responses(Route r) {
    // A switch expression, so that a new route does not compile until it is described here.
    Responses out = switch (r) {
      case PREVIEW_PAGE, GET_ARTICLE_PAGE -> new Responses().ok(200, "The page", MediaTypes.HTML, string());
      case LIST_ARTICLES -> new Responses()
          .ok(200, "A page of articles, without bodies", MediaTypes.JSON, ref("ArticlePage"));
      case GET_ARTICLE -> new Responses()
          .ok(200, "The article; its ETag is its revision", MediaTypes.JSON, ref("Article"));
      case FACETS -> new Responses().ok(200, "Counts over every match", MediaTypes.JSON, ref("Facets"));
      case HEALTH -> new Responses()
          .ok(200, "Readable (ok, or degraded with problems)", MediaTypes.JSON, ref("Health"))
          .ok(503, "Down: the store cannot be read", MediaTypes.JSON, ref("Health"));
      case CHANGES -> new Responses().ok(200, "A page of the change feed", MediaTypes.JSON, ref("ChangePage"));
      case EVENTS -> new Responses()
          .ok(200, "Server-Sent Events, one per change, and heartbeats", Changes.EVENT_STREAM, string())
          .problem(503, "Every event stream the server allows is taken", "Problem");
      case OPENAPI -> new Responses().ok(200, "This document", MediaTypes.JSON, F.objectNode().put("type", "object"));
      case CREATE_ARTICLE -> new Responses().ok(201, "Created; Location names it", MediaTypes.JSON, ref("Article"))
          .problem(409, "An article with this id exists, in some spelling of it", "ArticleExistsProblem");
      case REPLACE_ARTICLE -> new Responses().ok(200, "Replaced", MediaTypes.JSON, ref("Article"))
          .ok(201, "Created (If-None-Match: *)", MediaTypes.JSON, ref("Article"));
      case PATCH_ARTICLE -> new Responses().ok(200, "Changed", MediaTypes.JSON, ref("Article"));
      case DELETE_ARTICLE -> new Responses().empty(204, "Deleted");
      case FEED, CATEGORY_FEED, TAG_FEED -> new Responses()
          .ok(200, "The newest public articles: RSS 2.0", FeedFormat.RSS.mediaType(), string())
          .ok(200, "Atom 1.0", FeedFormat.ATOM.mediaType(), string())
          .ok(200, "JSON Feed 1.1", FeedFormat.JSON.mediaType(), F.objectNode().put("type", "object"))
          .problem(404, "No feeds are configured, or no public article has this category or tag", "Problem");
      case SITEMAP -> new Responses()
          .ok(200, "Every public article's page, or the index of a paged sitemap", Outputs.XML, string())
          .problem(404, "No feeds are configured", "Problem");
      case SITEMAP_PAGE -> new Responses().ok(200, "A page of a paged sitemap", Outputs.XML, string())
          .problem(404, "The sitemap has no such page, or no feeds are configured", "Problem");
      case NEWS_SITEMAP -> new Responses()
          .ok(200, "The public articles of the last 48 hours", Outputs.XML, string())
          .problem(404, "No feeds are configured", "Problem");
      case ROBOTS -> new Responses().ok(200, "Allows everything, names both sitemaps", Outputs.TEXT, string())
          .problem(404, "No feeds are configured", "Problem");
    };
    if (r.method.equals("GET") && r != Route.EVENTS) {
      out.empty(304, "Not modified");
    }
    if (r.path.template.contains("{id}")) {
      out.problem(404, "No such article, or not one the caller may see", "Problem");
      out.problem(400, "The id is not valid percent-encoded UTF-8", "Problem");
    }
    if (r == Route.CHANGES || r == Route.EVENTS) {
      out.problem(400, "A sync token that is not one", "InvalidSyncTokenProblem")
          .problem(410, "A sync token older than the feed keeps", "SyncTokenExpiredProblem")
          .problem(501, "The store keeps no change feed", "Problem");
    }
    if (r.permission == Authorizer.Permission.WRITE) {
      out.problem(405, "Writes are off: no write token is configured", "Problem");
      if (r.mediaType != null) {
        out.problem(400, "The body is not JSON", "MalformedJsonProblem")
            .problem(413, "The body is larger than the server takes", "Problem")
            .problem(415, "The body is not " + r.mediaType, "Problem")
            .problem(422, "The article breaks content rules; errors lists every one", "InvalidArticleProblem");
      }
      if (r != Route.CREATE_ARTICLE) {
        boolean put = r == Route.REPLACE_ARTICLE;
        out.problem(412, "The article changed since that ETag was read" + (put ? ", or (If-None-Match: *) exists" : ""),
            "RevisionMismatchProblem")
            .problem(428, "If-Match" + (put ? " (or, to create, If-None-Match: *)" : "") + " is missing", "Problem");
      }
      if (r == Route.PATCH_ARTICLE || r == Route.DELETE_ARTICLE) {
        out.problem(404, "No such article", "Problem");
      }
    }
    return out.problem(400, "A parameter is unknown, repeated, empty or malformed", "InvalidParametersProblem")
        .problem(401, "A token that is not valid, or none where one is needed", "Problem")
        .problem(403, "A valid token that does not grant what is asked", "Problem")
        .problem(414, "The query string is too long", "Problem")
        .problem(500, "The server failed; the log says why", "Problem");
  }

  private static ObjectNode options(Route.Path path) {
    ObjectNode op = F.objectNode();
    String name = camel(path.name());
    op.put("operationId", "options" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
    op.put("summary", "The methods this path answers (Allow); a CORS preflight's answer for configured origins");
    ObjectNode ok = F.objectNode().put("description", "Allow names the methods");
    ok.putObject("headers").putObject("Allow").set("schema", string());
    op.putObject("responses").set("204", ok);
    return op;
  }

  /** The responses of an operation, by status; several problem types under one status are {@code anyOf}. */
  static final class Responses {
    private final Map<Integer, String> descriptions = new TreeMap<>();
    private final Map<Integer, Map<String, List<ObjectNode>>> content = new TreeMap<>();

    Responses ok(int status, String description, String mediaType, ObjectNode schema) {
      return add(status, description, mediaType.split(";")[0], schema);
    }

    Responses empty(int status, String description) {
      descriptions.putIfAbsent(status, description);
      return this;
    }

    Responses problem(int status, String description, String schema) {
      return add(status, description, MediaTypes.PROBLEM_JSON, ref(schema));
    }

    private Responses add(int status, String description, String mediaType, ObjectNode schema) {
      descriptions.merge(status, description, (a, b) -> a + "; or " + b);
      List<ObjectNode> schemas = content.computeIfAbsent(status, s -> new LinkedHashMap<>())
          .computeIfAbsent(mediaType, m -> new ArrayList<>());
      if (!schemas.contains(schema)) {
        schemas.add(schema);
      }
      return this;
    }

    Set<Integer> statuses() {
      return descriptions.keySet();
    }

    ObjectNode node() {
      ObjectNode out = F.objectNode();
      descriptions.forEach((status, description) -> {
        ObjectNode resp = out.putObject(status.toString()).put("description", description);
        Map<String, List<ObjectNode>> types = content.get(status);
        if (types != null) {
          ObjectNode c = resp.putObject("content");
          types.forEach((type, schemas) -> {
            ObjectNode schema = schemas.size() == 1 ? schemas.get(0) : F.objectNode();
            if (schemas.size() > 1) {
              schemas.forEach(schema.putArray("anyOf")::add);
            }
            c.putObject(type).set("schema", schema);
          });
        }
      });
      return out;
    }
  }

  // ------------------------------------------------------------------ schemas

  private static ObjectNode schemas() {
    ObjectNode s = F.objectNode();
    s.set("Article", article(true, true, "An article with its body and revision (the ETag's value)"));
    ObjectNode summary = article(false, false,
        "An article in a list: no body, no revision; in the answer to a text query (q), its score and snippet");
    ((ObjectNode) summary.get("properties")).set("score", F.objectNode().put("type", "number")
        .put("description", "How well it matches q: higher is better; only with q"));
    ((ObjectNode) summary.get("properties")).set("snippet", nullable(string())
        .put("description", "HTML: the passage that matches q best, the matching words in <mark>, the rest "
            + "escaped; only with q"));
    s.set("ArticleSummary", summary);
    s.set("ArticleInput", article(false, true, "An article to store, whole; the server makes its revision"));
    s.set("ArticlePatch", F.objectNode().put("type", "object")
        .put("description", "A JSON Merge Patch (RFC 7396) over the article's JSON: null removes a member"));
    s.set("ArticlePage", object(orderedOf(
        "items", arrayOf(ref("ArticleSummary")),
        "total", integer(0),
        "nextCursor", nullable(string())), "items", "total", "nextCursor").put("additionalProperties", false));
    ObjectNode count = object(orderedOf("value", string(), "count", integer(0)), "value", "count");
    ObjectNode counts = arrayOf(count);
    s.set("Facets", object(orderedOf(
        "total", integer(0),
        "categories", counts, "tags", counts, "sentiments", counts, "langs", counts, "sources", counts),
        "total", "categories", "tags", "sentiments", "langs", "sources").put("additionalProperties", false));
    ArrayNode statuses = F.arrayNode();
    for (Health.Status st : Health.Status.values()) {
      statuses.add(st.name().toLowerCase(Locale.ROOT));
    }
    ObjectNode status = string();
    status.set("enum", statuses);
    s.set("Health", object(orderedOf("status", status, "articles", integer(0), "problems", integer(0)),
        "status", "articles", "problems").put("additionalProperties", false));
    ArrayNode kinds = F.arrayNode();
    for (ArticleChange.Kind k : ArticleChange.Kind.values()) {
      kinds.add(k.key());
    }
    ObjectNode kind = string();
    kind.set("enum", kinds);
    s.set("Change", object(orderedOf("id", string(), "change", kind, "revision", nullable(string()),
        "at", string().put("format", "date-time")), "id", "change", "revision", "at"));
    s.set("ChangePage", object(orderedOf("items", arrayOf(ref("Change")), "next", string(), "hasMore",
        F.objectNode().put("type", "boolean")), "items", "next", "hasMore").put("additionalProperties", false));
    s.set("ProblemDetails", object(orderedOf(
        "type", string().put("format", "uri-reference"),
        "title", string(),
        "status", integer(100),
        "detail", string()), "type", "title", "status", "detail")
        .put("description", "RFC 9457 problem details: every problem document has these members"));
    for (ProblemType t : PROBLEM_TYPES) {
      ObjectNode own = F.objectNode();
      own.putObject("type").put("const", t.uri());
      t.members().forEach(own::set);
      ObjectNode schema = F.objectNode().put("title", t.title());
      schema.putArray("allOf").add(ref("ProblemDetails")).addObject().put("type", "object").set("properties", own);
      if (!t.required().isEmpty()) {
        ArrayNode req = ((ObjectNode) schema.get("allOf").get(1)).putArray("required");
        t.required().forEach(req::add);
      }
      s.set(t.schema(), schema);
    }
    return s;
  }

  /**
   * The article's JSON as the JSON module writes it: its id, the revision (of a stored article),
   * every top-level {@link ArticleField} by its type, {@code extra}, and the body (unless a list
   * leaves it out). Nothing else, so a member the writer adds must be added here too.
   */
  private static ObjectNode article(boolean revision, boolean body, String description) {
    Map<String, ObjectNode> props = new LinkedHashMap<>();
    props.put("id", string());
    if (revision) {
      props.put("revision", string());
    }
    for (ArticleField f : ArticleField.topLevel()) {
      props.put(f.key(), field(f));
    }
    props.put("extra", F.objectNode().put("type", "object")
        .put("description", "Frontmatter keys the schema does not name, as they are"));
    if (body) {
      props.put("body", string().put("description", "Markdown"));
    }
    if (body && revision) {
      props.put("translations", arrayOf(object(orderedOf("lang", nullable(string()), "id", string()), "lang", "id")
          .put("additionalProperties", false)).put("description",
          "GET of an article with a translationKey: the other public articles with that key, by language"));
    }
    List<String> required = new ArrayList<>(List.of("id"));
    if (revision) {
      required.add("revision");
    }
    if (body && revision) {
      required.add("body");
    }
    return object(props, required.toArray(String[]::new)).put("additionalProperties", false)
        .put("description", description);
  }

  private static ObjectNode field(ArticleField f) {
    ObjectNode s = switch (f.type()) {
      case TEXT -> string();
      case TEXT_LIST -> arrayOf(string());
      case INSTANT -> string().put("format", "date-time");
      case WHOLE_NUMBER -> integer(0);
      case NUMBER -> F.objectNode().put("type", "number");
      case BOOLEAN -> F.objectNode().put("type", "boolean");
      case SENTIMENT -> {
        ObjectNode e = string();
        ArrayNode values = e.putArray("enum");
        for (Sentiment v : Sentiment.values()) {
          values.add(v.name());
        }
        yield e;
      }
      case GROUP -> {
        Map<String, ObjectNode> children = new LinkedHashMap<>();
        f.children().forEach(c -> children.put(c.key(), field(c)));
        yield object(children).put("additionalProperties", false);
      }
    };
    return s.put("description", f.type().expected());
  }

  // ------------------------------------------------------------------ small schemas

  private static ObjectNode ref(String schema) {
    return F.objectNode().put("$ref", SCHEMAS + schema);
  }

  private static ObjectNode string() {
    return F.objectNode().put("type", "string");
  }

  private static ObjectNode integer(int minimum) {
    return F.objectNode().put("type", "integer").put("minimum", minimum);
  }

  private static ObjectNode nullable(ObjectNode schema) {
    ObjectNode s = schema.deepCopy();
    s.putArray("type").add(schema.get("type").asText()).add("null");
    return s;
  }

  private static ObjectNode arrayOf(ObjectNode items) {
    ObjectNode a = F.objectNode().put("type", "array");
    a.set("items", items);
    return a;
  }

  private static ObjectNode object(Map<String, ObjectNode> properties, String... required) {
    ObjectNode o = F.objectNode().put("type", "object");
    ObjectNode p = o.putObject("properties");
    properties.forEach(p::set);
    if (required.length > 0) {
      ArrayNode r = o.putArray("required");
      for (String name : required) {
        r.add(name);
      }
    }
    return o;
  }

  /** An ordered map of names and schemas. */
  private static Map<String, ObjectNode> orderedOf(Object... namesAndSchemas) {
    Map<String, ObjectNode> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSchemas.length; i += 2) {
      m.put((String) namesAndSchemas[i], (ObjectNode) namesAndSchemas[i + 1]);
    }
    return m;
  }

  /** {@code LIST_ARTICLES} as {@code listArticles}. */
  private static String camel(String constant) {
    StringBuilder b = new StringBuilder();
    for (String part : constant.toLowerCase(Locale.ROOT).split("_")) {
      b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return b.toString();
  }
}
