package dev.broadsheet.server;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a request may do beyond reading what the public sees: previews (drafts,
 * scheduled and expired articles, {@code asOf}) and writes. {@link ContentApi} asks it once per
 * request, before anything is read or written, and answers 401 or 403 itself when a route needs
 * a permission the decision lacks.
 *
 * <p>The default, made from the builder's {@link ContentApi.Builder#previewToken previewToken}
 * and {@link ContentApi.Builder#writeToken writeToken}, is {@link #tokens}. A host whose own
 * security already knows the caller replaces it:
 *
 * <pre>{@code
 * Authorizer bySession = request -> {
 *   User user = sessions.user(request.header("Cookie").orElse(""));
 *   if (user == null) {
 *     return Authorizer.Decision.anonymous();
 *   }
 *   return user.isEditor()
 *       ? Authorizer.Decision.authenticated(Permission.PREVIEW, Permission.WRITE)
 *       : Authorizer.Decision.authenticated();
 * };
 * ContentApi api = ContentApi.builder(repository).authorizer(bySession).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and quick: they run on every request. They must not
 * read the request's body.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Authorizer {
  /** What a request may do beyond reading public content. */
  enum Permission {
    /** See drafts, scheduled and expired articles and use the preview parameters. */
    PREVIEW,
    /** Create, replace, change and delete articles. */
    WRITE
  }

  /**
   * What {@code request} may do.
   *
   * @return never null
   */
  Decision authorize(ApiRequest request);

  /**
   * The permissions this authorizer may ever grant. Routes that need one it never grants are
   * not offered at all: without {@link Permission#WRITE} here, writes are a 405 with {@code
   * Allow} rather than a 401. Default: every permission.
   */
  default Set<Permission> permissions() {
    return EnumSet.allOf(Permission.class);
  }

  /**
   * Bearer tokens ({@code Authorization: Bearer <token>}): the preview token grants {@link
   * Permission#PREVIEW}, the write token {@link Permission#WRITE}, one token configured as both
   * grants both. A request without a bearer token is {@linkplain Decision#anonymous()
   * anonymous}; one with a bearer token that is neither, or with two bearer tokens, is
   * {@linkplain Decision#refused refused}, whatever it asks for. Credentials of other schemes (a
   * proxy's Basic authentication) are not this authorizer's and are ignored. Tokens are compared
   * as SHA-256 digests in constant time, so neither a token nor its length leaks by timing.
   *
   * @param previewToken null for no previews
   * @param writeToken null for no writes
   * @throws IllegalArgumentException when a token is blank or holds white space or control
   *     characters
   */
  static Authorizer tokens(@Nullable String previewToken, @Nullable String writeToken) {
    return new TokenAuthorizer(previewToken, writeToken);
  }

  /**
   * The outcome for one request.
   *
   * @param kind whether the caller is unknown, known, or sent credentials that are refused
   * @param granted the permissions granted; empty unless {@link Kind#AUTHENTICATED}
   * @param detail why credentials were refused, for the problem document; null unless {@link
   *     Kind#REFUSED}
   */
  record Decision(Kind kind, Set<Permission> granted, @Nullable String detail) {
    private static final Decision ANONYMOUS = new Decision(Kind.ANONYMOUS, Set.of(), null);

    /** Whether anything is known of the caller. */
    public enum Kind {
      /**
       * No credentials: the public. A route that needs a permission answers 401 with {@code
       * WWW-Authenticate: Bearer}.
       */
      ANONYMOUS,
      /**
       * A known caller with {@link #granted} permissions. A route that needs another answers 403
       * ({@code error="insufficient_scope"}).
       */
      AUTHENTICATED,
      /**
       * Credentials that are not valid: every route answers 401 ({@code error="invalid_token"})
       * with {@link #detail}.
       */
      REFUSED
    }

    public Decision {
      Objects.requireNonNull(kind, "kind");
      granted = granted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(granted));
      if (kind != Kind.AUTHENTICATED && !granted.isEmpty()) {
        throw new IllegalArgumentException("only an authenticated caller is granted permissions, was " + kind);
      }
      if ((kind == Kind.REFUSED) != (detail != null)) {
        throw new IllegalArgumentException("a detail is given exactly when credentials are refused");
      }
    }

    /** The public: no credentials. */
    public static Decision anonymous() {
      return ANONYMOUS;
    }

    /** A known caller with these permissions (possibly none). */
    public static Decision authenticated(Permission... granted) {
      return new Decision(Kind.AUTHENTICATED, Set.copyOf(List.of(granted)), null);
    }

    /** Credentials that are not valid; {@code detail} says why, for the client, without secrets. */
    public static Decision refused(String detail) {
      return new Decision(Kind.REFUSED, Set.of(), Objects.requireNonNull(detail, "detail"));
    }

    /** Whether {@code permission} is granted. */
    public boolean allows(Permission permission) {
      return granted.contains(permission);
    }
  }
}
