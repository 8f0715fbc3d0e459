package dev.broadsheet;

import java.util.Objects;
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

  // Written out rather than generated: a record's generated methods are bootstrapped through
  // method handles, which a command line run spins into classes at start; the snapshot's
  // decoder compares sources of every article it reads.
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Source s && Objects.equals(name, s.name) && Objects.equals(key, s.key)
        && Objects.equals(type, s.type);
  }

  @Override
  public int hashCode() {
    return (31 * Objects.hashCode(name) + Objects.hashCode(key)) * 31 + Objects.hashCode(type);
  }
}
