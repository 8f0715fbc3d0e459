package dev.broadsheet.internal;

import dev.broadsheet.Revision;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Revision} holds, for the modules that store it as such: a content hash as its
 * two halves, any other revision as its text. {@code Revision} keeps these to itself and hands
 * them here when it is first used.
 */
public final class Revisions {
  /** The halves and text of revisions, and a content revision made of its halves. */
  public interface Parts {
    /** The first 64 bits of a content hash; 0 for a revision kept as text. */
    long high(Revision r);

    /** The last 64 bits of a content hash; 0 for a revision kept as text. */
    long low(Revision r);

    /** The value of a revision that is no content hash; null for one. */
    @Nullable String text(Revision r);

    /** The content revision whose hash is {@code high} and {@code low}. */
    Revision ofHash(long high, long low);
  }

  private static volatile @Nullable Parts parts;

  private Revisions() {}

  /** Called once, by {@code Revision} as it is initialised. */
  public static void register(Parts p) {
    if (parts != null) {
      throw new IllegalStateException("registered already");
    }
    parts = Objects.requireNonNull(p, "parts");
  }

  public static Parts parts() {
    Parts p = parts;
    if (p == null) {
      Objects.requireNonNull(Revision.NONE); // initialises Revision, which registers
      p = Objects.requireNonNull(parts, "Revision registered no parts");
    }
    return p;
  }
}
