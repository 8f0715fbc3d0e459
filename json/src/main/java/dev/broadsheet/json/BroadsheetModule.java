package dev.broadsheet.json;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import dev.broadsheet.Article;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import java.util.Objects;

/**
 * A Jackson module that writes and reads Broadsheet values as JSON: {@link Article}, {@link
 * StoredArticle}, {@link Page} of query results and {@link Facets}. Register it on your own
 * {@code ObjectMapper}; the module brings no mapper of its own.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new BroadsheetModule());
 * String json = mapper.writeValueAsString(article);
 * // {"id":"2026/01/openai-funding","title":"Tech Giants Circle OpenAI",
 * //  "publishedAt":"2026-01-30T02:57:10Z","category":"BUSINESS","tags":["BUSINESS","AI"],
 * //  "stickyWeight":0,"score":0.0,"draft":false,"body":"## Overview\n..."}
 * Article back = mapper.readValue(json, Article.class);     // equal to article
 *
 * // Listings without bodies:
 * ObjectMapper listings = new ObjectMapper()
 *     .registerModule(BroadsheetModule.builder().bodies(BroadsheetModule.Bodies.OMIT).build());
 * String page = listings.writeValueAsString(repository.query(query));
 * // {"items":[{"id":...},...],"total":42,"nextCursor":"..."}
 * }</pre>
 *
 * <h2>Articles</h2>
 *
 * <p>An article is a JSON object: {@code id} first, then the frontmatter fields under their
 * frontmatter names in the canonical order of {@link Article#FIELDS} ({@code title}, {@code
 * description}, {@code publishedAt}, {@code updatedAt}, {@code expiresAt}, {@code lang}, {@code
 * externalId}, {@code source}, {@code category}, {@code tags}, {@code stickyWeight}, {@code
 * sentiment}, {@code score}, {@code draft}, {@code coverImage}, {@code ai}), then {@code extra},
 * then {@code body}. The shape does not depend on the mapper's naming, inclusion or date
 * settings; indentation and other generator settings apply.
 *
 * <ul>
 *   <li>Fields the article does not have (a {@code null} description, no cover image) are
 *       left out, never written as {@code null}. Fields every article has are always written:
 *       {@code id}, {@code title}, {@code tags} (possibly {@code []}), {@code stickyWeight},
 *       {@code score}, {@code draft} and, unless {@link Bodies#OMIT}, {@code body}.
 *   <li>Timestamps are ISO-8601 text in UTC, as {@link java.time.Instant#toString()} writes them
 *       ({@code 2026-01-30T02:57:10Z}, {@code 2026-01-30T02:57:10.250Z}).
 *   <li>{@code sentiment} is {@code POSITIVE}, {@code NEUTRAL} or {@code NEGATIVE}; {@code
 *       coverImage} keeps the frontmatter spelling {@code small_s3}.
 *   <li>{@code extra} holds the frontmatter keys the model does not know ({@link
 *       Article#extra()}) as an object in their order, values written as they are: text,
 *       booleans, whole numbers of any size, floating-point numbers, {@code null}, arrays and
 *       objects. It is left out when there are none. A non-finite floating-point number, which
 *       JSON cannot hold, is written as the text {@code "NaN"}, {@code "Infinity"} or {@code
 *       "-Infinity"}.
 * </ul>
 *
 * <p>A {@link StoredArticle} is the same object with {@code revision}, the revision's text,
 * right after {@code id}.
 *
 * <p>Reading applies the rules frontmatter is read by, with the same strictness: each field
 * must have its JSON type ({@code "3"} is not a {@code stickyWeight}, {@code 1} is not a
 * {@code title}), {@code null} means absent, timestamps are ISO-8601 text with an offset (a
 * date alone, or a time without an offset, is read in UTC), {@code source}, {@code coverImage}
 * and {@code ai} have no other fields, keys appear once, the {@code id} meets {@link
 * dev.broadsheet.ArticleIds}, and {@link dev.broadsheet.ArticleValidator}'s content rules hold.
 * A key the article object does not define is a problem, not silently dropped: unknown
 * frontmatter keys belong under {@code extra}. The one exception is {@code revision}, which
 * reading a plain {@code Article} ignores so that a stored article read from an API can be
 * read back as an article. Whole numbers in {@code extra} read as {@code Long} when they fit,
 * as {@code BigInteger} when they do not, as frontmatter does.
 *
 * <p>Every problem of an article is collected before anything is thrown: {@link
 * dev.broadsheet.InvalidArticleException} with each {@link dev.broadsheet.Problem}'s {@code
 * field} set to the JSON path of the value ({@code $.tags[2]}, {@code $.source.url}, {@code
 * $.items[3].title} inside a page) and its line and column as the JSON parser counts them
 * (columns in characters for text input, in bytes for byte input; 0 when the input has no
 * positions, as a tree does). The problems' {@code source} is the
 * article's id, or {@code json} when the id itself is unusable. Input that is not JSON at all
 * fails as Jackson fails, with its own {@code JsonProcessingException}.
 *
 * <h2>Pages and facets</h2>
 *
 * <p>A {@code Page<T>} is {@code {"items": [...], "total": 42, "nextCursor": "..."}}, with
 * {@code nextCursor} {@code null} on the last page; writing it counts the total. Items are
 * written by whatever serializer the mapper has for them. {@link Facets} is {@code {"total": 5,
 * "categories": [{"value": "BUSINESS", "count": 2}, ...], "tags": [...], "sentiments": [...],
 * "langs": [...], "sources": [...]}}: arrays rather than objects, because their order (most
 * frequent first) carries meaning that many JSON readers do not keep for object keys. Both can
 * be read back ({@code new TypeReference<Page<Article>>() {}}).
 *
 * <p>Immutable and thread-safe. Registering a second module with the same options on a mapper
 * changes nothing; one with other options, registered later, takes precedence. For listings
 * without bodies and detail views with them, register differently built modules on a mapper
 * and its {@code copy()}.
 *
 * @since 0.1.0
 */
public final class BroadsheetModule extends com.fasterxml.jackson.databind.Module {
  private static final long serialVersionUID = 1L;

  private final Bodies bodies;

  /** A module with the default options: bodies included. */
  public BroadsheetModule() {
    this(builder());
  }

  private BroadsheetModule(Builder b) {
    this.bodies = b.bodies;
  }

  /** A builder for a module with options other than the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether articles are written with their {@code body}; reading takes a body either way. */
  public Bodies bodies() {
    return bodies;
  }

  @Override
  public String getModuleName() {
    return "broadsheet";
  }

  /** Modules with different options are different registrations. */
  @Override
  public Object getTypeId() {
    return BroadsheetModule.class.getName() + "[bodies=" + bodies + "]";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    SimpleSerializers serializers = new SimpleSerializers();
    serializers.addSerializer(Article.class, new ArticleSerializer(bodies));
    serializers.addSerializer(StoredArticle.class, new StoredArticleSerializer(bodies));
    serializers.addSerializer(new PageSerializer());
    serializers.addSerializer(Facets.class, new FacetsSerializer());
    context.addSerializers(serializers);

    SimpleDeserializers deserializers = new SimpleDeserializers();
    deserializers.addDeserializer(Article.class, new ArticleDeserializer());
    deserializers.addDeserializer(StoredArticle.class, new StoredArticleDeserializer());
    addPageDeserializer(deserializers);
    deserializers.addDeserializer(Facets.class, new FacetsDeserializer());
    context.addDeserializers(deserializers);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addPageDeserializer(SimpleDeserializers deserializers) {
    // Page is generic: one deserializer for the raw class, made specific per item type.
    deserializers.addDeserializer((Class) Page.class, new PageDeserializer());
  }

  /** Whether articles are written with their Markdown body. */
  public enum Bodies {
    /** Write {@code body} (the default). */
    INCLUDE,
    /** Leave {@code body} out, for listings: a page of results without the articles' text. */
    OMIT
  }

  /**
   * Options of a {@link BroadsheetModule}. Not thread-safe; {@link #build()} copies its state.
   */
  public static final class Builder {
    private Bodies bodies = Bodies.INCLUDE;

    private Builder() {}

    /** Whether articles are written with their body; default {@link Bodies#INCLUDE}. */
    public Builder bodies(Bodies value) {
      this.bodies = Objects.requireNonNull(value, "bodies");
      return this;
    }

    public BroadsheetModule build() {
      return new BroadsheetModule(this);
    }
  }
}
