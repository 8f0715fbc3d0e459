package dev.broadsheet.server;

import dev.broadsheet.server.Authorizer.Decision;
import dev.broadsheet.server.Authorizer.Permission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link Authorizer#tokens}: bearer tokens compared as digests in constant time. */
final class TokenAuthorizer implements Authorizer {
  private final byte @Nullable [] previewDigest;
  private final byte @Nullable [] writeDigest;
  private final Set<Permission> permissions;

  TokenAuthorizer(@Nullable String previewToken, @Nullable String writeToken) {
    check("previewToken", previewToken);
    check("writeToken", writeToken);
    this.previewDigest = previewToken == null ? null : sha256(previewToken);
    this.writeDigest = writeToken == null ? null : sha256(writeToken);
    EnumSet<Permission> p = EnumSet.noneOf(Permission.class);
    if (previewToken != null) {
      p.add(Permission.PREVIEW);
    }
    if (writeToken != null) {
      p.add(Permission.WRITE);
    }
    this.permissions = Set.copyOf(p);
  }

  /** The rules a token meets: it travels in a header, after "Bearer ". */
  static void check(String option, @Nullable String token) {
    if (token == null) {
      return;
    }
    if (token.isBlank()) {
      throw new IllegalArgumentException(option + " must not be blank");
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
      throw new IllegalArgumentException(option + " must not hold white space or control characters");
    }
  }

  @Override
  public Set<Permission> permissions() {
    return permissions;
  }

  @Override
  public Decision authorize(ApiRequest request) {
    List<String> bearer = new ArrayList<>(1);
    for (String value : request.headers("Authorization")) {
      String v = value.strip();
      if (isBearer(v)) {
        bearer.add(v);
      }
    }
    if (bearer.isEmpty()) {
      return Decision.anonymous();
    }
    if (bearer.size() > 1) {
      return Decision.refused("Send one bearer token.");
    }
    byte[] given = sha256(bearer.get(0).substring(6).strip());
    // Both comparisons always run, on digests: neither which token matched nor any length leaks by timing.
    boolean preview = previewDigest != null & MessageDigest.isEqual(given, previewDigest == null ? given : previewDigest);
    boolean write = writeDigest != null & MessageDigest.isEqual(given, writeDigest == null ? given : writeDigest);
    if (!preview && !write) {
      return Decision.refused("The bearer token is not valid here.");
    }
    if (preview && write) {
      return Decision.authenticated(Permission.PREVIEW, Permission.WRITE);
    }
    return Decision.authenticated(preview ? Permission.PREVIEW : Permission.WRITE);
  }

  /** Whether a credential is of the Bearer scheme, its token empty or not. */
  private static boolean isBearer(String credentials) {
    return credentials.regionMatches(true, 0, "Bearer", 0, 6)
        && (credentials.length() == 6 || Character.isWhitespace(credentials.charAt(6)));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
