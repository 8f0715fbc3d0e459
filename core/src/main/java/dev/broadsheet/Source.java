package dev.broadsheet;

import org.jspecify.annotations.Nullable;

/**
 * Where an article came from: a publication's display {@code name}, a stable {@code key} used
 * in queries, and the {@code type} of feed it arrived through ({@code RSS}, {@code API}, ...).
 * Any part may be absent.
 *
 * @since 0.1.0
 */
public record Source(@Nullable String name, @Nullable String key, @Nullable String type) {

  public static Source of(@Nullable String name, @Nullable String key, @Nullable String type) {
    return new Source(name, key, type);
  }
}
