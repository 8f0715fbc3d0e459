package dev.broadsheet.markdown;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A node of a frontmatter YAML tree, with the position of its first character ({@link
 * #start()}) and of the character just past it ({@link #end()}). Scalars keep their text
 * exactly as YAML delivers it, untyped: the article schema, not YAML's implicit typing, decides
 * what {@code no} or {@code 0123} mean.
 *
 * @since 0.1.0
 */
public sealed interface YamlNode
    permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping, YamlNode.Alias {

  Position start();

  Position end();

  /**
   * The explicit tag ({@code tag:yaml.org,2002:str} for {@code !!str}), or null if none. The
   * non-specific tag {@code !} makes a scalar text, so a scalar tagged {@code !} reports {@code
   * tag:yaml.org,2002:str}; on a collection it changes nothing and is left out.
   */
  @Nullable String tag();

  /** The anchor this node defines ({@code &name}), or null if none. */
  @Nullable String anchor();

  /** How a scalar is written. */
  enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED
  }

  /** A scalar: its text after unquoting and unescaping, and how it was written. */
  record Scalar(
      String value, Style style, @Nullable String tag, @Nullable String anchor, Position start,
      Position end)
      implements YamlNode {

    /** Whether this is a YAML null: a plain {@code null}, {@code Null}, {@code NULL}, {@code ~} or nothing. */
    public boolean isNull() {
      if (style != Style.PLAIN || (tag != null && !tag.equals("tag:yaml.org,2002:null"))) {
        return false;
      }
      return switch (value) {
        case "", "~", "null", "Null", "NULL" -> true;
        default -> false;
      };
    }
  }

  /** A sequence, block ({@code - a}) or flow ({@code [a, b]}). */
  record Sequence(
      List<YamlNode> items, boolean flow, @Nullable String tag, @Nullable String anchor,
      Position start, Position end)
      implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A mapping, block or flow, with its entries in file order. */
  record Mapping(
      List<Entry> entries, boolean flow, @Nullable String tag, @Nullable String anchor,
      Position start, Position end)
      implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }

    /** The entry whose key is the scalar {@code key}, if any. */
    public Optional<Entry> entry(String key) {
      for (Entry e : entries) {
        if (e.key() instanceof Scalar s && s.value().equals(key)) {
          return Optional.of(e);
        }
      }
      return Optional.empty();
    }
  }

  /** One key and its value. */
  record Entry(YamlNode key, YamlNode value) {}

  /** An alias ({@code *name}) and the anchored node it stands for. */
  record Alias(String name, YamlNode target, Position start, Position end) implements YamlNode {
    @Override
    public @Nullable String tag() {
      return null;
    }

    @Override
    public @Nullable String anchor() {
      return null;
    }
  }
}
