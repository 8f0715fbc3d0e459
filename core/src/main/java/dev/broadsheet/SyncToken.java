package dev.broadsheet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Where a reader of the change feed stands: opaque to clients, who store the text of {@link
 * #toString()} and hand it back. It names the store's change log, the last change read and the
 * instant up to which articles going live or expiring were reported. It is checked when parsed:
 * an altered or truncated token is refused.
 *
 * @since 0.1.0
 */
public final class SyncToken {
  private static final String VERSION = "1";

  private final String log;
  private final long seq;
  private final Instant at;
  private final @Nullable String after;

  private SyncToken(String log, long seq, Instant at, @Nullable String after) {
    this.log = Objects.requireNonNull(log, "log");
    this.seq = seq;
    this.at = Objects.requireNonNull(at, "at");
    this.after = after;
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0, was " + seq);
    }
  }

  /** A token at change {@code seq} of log {@code log}, with time events reported up to {@code at}. */
  public static SyncToken of(String log, long seq, Instant at) {
    return new SyncToken(log, seq, at, null);
  }

  /**
   * A token in the middle of an initial sync: the articles visible at {@code at} were listed in
   * id order up to {@code after}; the rest follow, then the changes after {@code seq}.
   */
  public static SyncToken during(String log, long seq, Instant at, String after) {
    return new SyncToken(log, seq, at, Objects.requireNonNull(after, "after"));
  }

  /**
   * Reads a token from its text.
   *
   * @throws InvalidSyncTokenException when the text is not a token, or was altered
   */
  public static SyncToken parse(String text) {
    Objects.requireNonNull(text, "text");
    int dot = text.lastIndexOf('.');
    if (dot <= 0 || text.length() > 4096) {
      throw invalid();
    }
    String payload;
    try {
      payload = new String(Base64.getUrlDecoder().decode(text.substring(0, dot)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!check(payload).equals(text.substring(dot + 1))) {
      throw invalid();
    }
    String[] parts = payload.split(":", 6);
    if (parts.length != 6) {
      throw invalid();
    }
    if (!parts[0].equals(VERSION)) {
      throw new InvalidSyncTokenException("the sync token is of another version of Broadsheet; sync from scratch, without a token");
    }
    try {
      String log = new String(Base64.getUrlDecoder().decode(parts[4]), StandardCharsets.UTF_8);
      String after = parts[5].isEmpty() ? null : parts[5].substring(1);
      return new SyncToken(log, Long.parseLong(parts[1]),
          Instant.ofEpochSecond(Long.parseLong(parts[2]), Long.parseLong(parts[3])), after);
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static InvalidSyncTokenException invalid() {
    return new InvalidSyncTokenException("not a sync token, or an altered one; sync from scratch, without a token");
  }

  private static String check(String payload) {
    CRC32 crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  /** The change log the token belongs to. */
  public String log() {
    return log;
  }

  /** The number of the last change of the log read. */
  public long seq() {
    return seq;
  }

  /** The instant up to which articles going live or expiring were reported. */
  public Instant at() {
    return at;
  }

  /** During an initial sync, the id of the last article listed; null otherwise. */
  public @Nullable String after() {
    return after;
  }

  /** The token's text, URL-safe. */
  @Override
  public String toString() {
    String payload = VERSION + ":" + seq + ":" + at.getEpochSecond() + ":" + at.getNano() + ":"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(log.getBytes(StandardCharsets.UTF_8)) + ":"
        + (after == null ? "" : "+" + after);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "." + check(payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyncToken t && t.seq == seq && t.log.equals(log) && t.at.equals(at)
        && Objects.equals(t.after, after);
  }

  @Override
  public int hashCode() {
    return Objects.hash(log, seq, at, after);
  }
}
