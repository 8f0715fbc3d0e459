package dev.broadsheet.json.jackson3;

import dev.broadsheet.Article;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.json.BroadsheetModule.Bodies;
import java.util.Objects;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleDeserializers;
import tools.jackson.databind.module.SimpleSerializers;

/**
 * A Jackson 3 ({@code tools.jackson}) module that writes and reads Broadsheet values as JSON:
 * {@link Article}, {@link StoredArticle}, {@link Page} of query results and {@link Facets}, in
 * exactly the JSON of {@link dev.broadsheet.json.BroadsheetModule}, byte for byte. Register it
 * on your own {@code JsonMapper}; in a Spring Boot 4 application, a bean of this type is
 * registered on Boot's mapper (the Broadsheet starter declares one).
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().addModule(new BroadsheetModule()).build();
 * String json = mapper.writeValueAsString(article);    // {"id":"2026/01/harbour-pier","title":...}
 * Article back = mapper.readValue(json, Article.class); // equal to article
 *
 * JsonMapper listings = JsonMapper.builder()
 *     .addModule(BroadsheetModule.builder().bodies(Bodies.OMIT).build()) // pages without bodies
 *     .build();
 * }</pre>
 *
 * <p>The JSON shape and its reading rules have one home, {@code broadsheet-json}: this module
 * carries Jackson 2's tokens to and from the Jackson 3 mapper, so that both always agree. The
 * Jackson 3 generator's settings (indentation) apply. Reading reports every problem of an
 * article at once, as {@link dev.broadsheet.InvalidArticleException} with each problem's JSON
 * path ({@code $.tags[1]}, {@code $.items[2].title} inside a page), relative to the value read;
 * its line and column are 0, as positions do not cross from one Jackson to the other. Pages are
 * read with {@code Article} or {@code StoredArticle} items.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class BroadsheetModule extends JacksonModule {
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
  public Object getRegistrationId() {
    return BroadsheetModule.class.getName() + "[bodies=" + bodies + "]";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    Bridge bridge = new Bridge(bodies);
    SimpleSerializers serializers = new SimpleSerializers();
    serializers.addSerializer(Article.class, new BridgedSerializer<>(Article.class, bridge));
    serializers.addSerializer(StoredArticle.class, new BridgedSerializer<>(StoredArticle.class, bridge));
    serializers.addSerializer(Facets.class, new BridgedSerializer<>(Facets.class, bridge));
    serializers.addSerializer(new PageSerializer());
    context.addSerializers(serializers);

    SimpleDeserializers deserializers = new SimpleDeserializers();
    deserializers.addDeserializer(Article.class, new BridgedDeserializer<>(Article.class, bridge));
    deserializers.addDeserializer(StoredArticle.class, new BridgedDeserializer<>(StoredArticle.class, bridge));
    deserializers.addDeserializer(Facets.class, new BridgedDeserializer<>(Facets.class, bridge));
    addPageDeserializer(deserializers, bridge);
    context.addDeserializers(deserializers);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addPageDeserializer(SimpleDeserializers deserializers, Bridge bridge) {
    // Page is generic: one deserializer for the raw class, made specific per item type.
    deserializers.addDeserializer((Class) Page.class, new PageDeserializer(bridge, null));
  }

  /** Options of a {@link BroadsheetModule}. Not thread-safe; {@link #build()} copies its state. */
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
