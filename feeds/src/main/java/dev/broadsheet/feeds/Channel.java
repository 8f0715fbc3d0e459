package dev.broadsheet.feeds;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.json.StaticExport;
import java.util.Objects;

/**
 * What a feed holds: every public article ({@link #home()}), those of one category, or those
 * carrying one tag. Values match ignoring case, as queries do; a channel's path uses the keys
 * of the static export ({@code category/c~2b~2b/feed.rss} for "C++").
 *
 * <pre>{@code
 * Channel sports = Channel.category("SPORTS");
 * sports.path(FeedFormat.ATOM);   // "category/sports/feed.atom"
 * }</pre>
 *
 * @param kind which articles the channel holds
 * @param value the category or tag; empty for the home channel
 * @since 0.1.0
 */
public record Channel(Kind kind, String value) {
  /** What a channel selects by. */
  public enum Kind {
    /** Every public article. */
    HOME,
    /** The articles of one category. */
    CATEGORY,
    /** The articles carrying one tag. */
    TAG
  }

  public Channel {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == Kind.HOME && !value.isEmpty()) {
      throw new IllegalArgumentException("the home channel takes no value, was '" + value + "'");
    }
  }

  /** Every public article. */
  public static Channel home() {
    return new Channel(Kind.HOME, "");
  }

  /** The public articles of {@code category}, matched ignoring case. */
  public static Channel category(String category) {
    return new Channel(Kind.CATEGORY, category);
  }

  /** The public articles carrying {@code tag}, matched ignoring case. */
  public static Channel tag(String tag) {
    return new Channel(Kind.TAG, tag);
  }

  /** The feed's path below the base URL: {@code feed.rss}, {@code tag/ai/feed.json}. */
  public String path(FeedFormat format) {
    return folder() + format.fileName();
  }

  /** {@code ""}, {@code category/sports/} or {@code tag/ai/}. */
  String folder() {
    return switch (kind) {
      case HOME -> "";
      case CATEGORY -> "category/" + StaticExport.key(value) + "/";
      case TAG -> "tag/" + StaticExport.key(value) + "/";
    };
  }

  /** The query of the channel's newest articles. */
  ArticleQuery.Builder query() {
    ArticleQuery.Builder q = ArticleQuery.builder();
    return switch (kind) {
      case HOME -> q;
      case CATEGORY -> q.categories(value);
      case TAG -> q.anyTags(value);
    };
  }
}
