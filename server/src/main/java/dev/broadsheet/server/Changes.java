package dev.broadsheet.server;

import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.SyncToken;
import dev.broadsheet.SyncTokenExpiredException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The change feed over HTTP: {@code GET /changes} pages of it, {@code GET /events} the same items
 * as Server-Sent Events while they happen. A caller with the preview permission reads the
 * preview feed (drafts and scheduled articles too), others the public one.
 */
final class Changes {
  static final String INVALID_TOKEN = "https://broadsheet.dev/problems/invalid-sync-token";
  static final String EXPIRED_TOKEN = "https://broadsheet.dev/problems/sync-token-expired";
  static final String EVENT_STREAM = "text/event-stream";
  /** The limit of a page of {@code /changes} when none is asked for, or the API's largest when lower. */
  static final int DEFAULT_LIMIT = 100;

  private final ArticleRepository repository;
  private final int maxLimit;
  private final EventHub hub;

  Changes(ArticleRepository repository, int maxLimit, int maxStreams, Duration heartbeat, Duration sendTimeout) {
    this.repository = repository;
    this.maxLimit = maxLimit;
    this.hub = new EventHub(repository, maxStreams, heartbeat, sendTimeout);
  }

  EventHub hub() {
    return hub;
  }

  /** {@code GET /changes?since=TOKEN&limit=N}: {@code {"items": [...], "next": "...", "hasMore": false}}. */
  Reply page(Call c) {
    Params p = c.params();
    onlyParams(p, "since", "limit");
    int limit = limit(p);
    String sinceText = single(p, "since");
    SyncToken since = sinceText == null ? null : token("since", sinceText);
    ChangePage page = read(since, "since", limit, c);
    Map<String, @Nullable Object> body = new LinkedHashMap<>();
    List<Object> items = new ArrayList<>(page.items().size());
    page.items().forEach(i -> items.add(item(i)));
    body.put("items", items);
    body.put("next", page.next().toString());
    body.put("hasMore", page.hasMore());
    return new Reply(200, MediaTypes.JSON_UTF8, Problems.json(body), c.preview() ? Reply.PRIVATE : Reply.NO_STORE,
        Map.of(), null, null);
  }

  /**
   * {@code GET /events}: the answer's head, and the stream that writes its body. From {@code
   * Last-Event-ID} when the client resumes, else {@code since}, else from now.
   *
   * @throws Refused with a problem for a bad token or parameter, or a 503 when every place is taken
   */
  ContentApi.Streaming open(Call c) {
    Params p = c.params();
    onlyParams(p, "since");
    String sinceText = single(p, "since");
    String lastEventId = c.request().header("Last-Event-ID").map(String::strip).orElse("");
    String name = !lastEventId.isEmpty() ? "Last-Event-ID" : "since";
    SyncToken from = !lastEventId.isEmpty() ? token(name, lastEventId) : sinceText != null ? token(name, sinceText) : null;
    // Checked now, so that a bad token is a problem document rather than a stream that ends.
    ChangePage first = read(from, name, 1, c);
    if (from == null) {
      SyncToken t = first.next(); // during an initial sync: its head and moment are now
      from = SyncToken.of(t.log(), t.seq(), t.at());
    }
    Reply head = new Reply(200, EVENT_STREAM, new byte[0], Reply.NO_STORE, Map.of("X-Accel-Buffering", "no"), null, null);
    if (c.request().method().equals("HEAD")) {
      return new ContentApi.Streaming(head, null);
    }
    EventStream stream = hub.reserve(from, c.preview());
    if (stream == null) {
      throw new Refused(Problems.typed(503, "about:blank", Problems.title(503),
          "Every one of the " + hub.max() + " event streams this server allows is taken; try again later.",
          Map.of()).withHeader("Retry-After", "5"));
    }
    return new ContentApi.Streaming(head, stream);
  }

  private ChangePage read(@Nullable SyncToken since, String name, int limit, Call c) {
    try {
      return repository.changes(since, limit, c.preview());
    } catch (SyncTokenExpiredException e) {
      throw new Refused(expired(e));
    } catch (InvalidSyncTokenException e) {
      throw new Refused(invalid(name, e.getMessage()));
    } catch (InvalidQueryException e) {
      throw QueryReader.badRequest(e);
    } catch (UnsupportedOperationException e) {
      throw new Refused(Problems.of(501, "This store answers queries itself and keeps no change feed."));
    }
  }

  private static SyncToken token(String name, String text) {
    try {
      return SyncToken.parse(text);
    } catch (InvalidSyncTokenException e) {
      throw new Refused(invalid(name, e.getMessage()));
    }
  }

  static Reply invalid(String name, String message) {
    return Problems.typed(400, INVALID_TOKEN, "Invalid sync token", "'" + name + "': " + message
        + " (GET /changes without since).", Map.of("parameter", name));
  }

  static Reply expired(SyncTokenExpiredException e) {
    return Problems.typed(410, EXPIRED_TOKEN, "Sync token expired", e.getMessage()
        + " (GET /changes without since).", Map.of());
  }

  private int limit(Params p) {
    String text = single(p, "limit");
    if (text == null) {
      return Math.min(DEFAULT_LIMIT, maxLimit);
    }
    int limit;
    try {
      limit = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > maxLimit) {
      throw BadRequest.of("limit", "must be a whole number from 1 to " + maxLimit + ", was '"
          + Params.printable(text) + "'");
    }
    return limit;
  }

  private static @Nullable String single(Params p, String name) {
    List<String> values = p.list(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw BadRequest.of(name, "given more than once");
    }
    if (values.get(0).isEmpty()) {
      throw BadRequest.of(name, "is empty");
    }
    return values.get(0);
  }

  private static void onlyParams(Params p, String... names) {
    List<BadRequest.InvalidParam> bad = new ArrayList<>();
    for (String name : p.all().keySet()) {
      if (!List.of(names).contains(name)) {
        bad.add(new BadRequest.InvalidParam(Params.printable(name), "unknown parameter; this route takes "
            + String.join(", ", names)));
      }
    }
    if (!bad.isEmpty()) {
      throw new BadRequest(bad);
    }
  }

  /** One item as the API writes it: {@code {"id", "change", "revision", "at"}}. */
  static Map<String, @Nullable Object> item(ArticleChange c) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("change", c.kind().key());
    m.put("revision", c.revision() == null ? null : c.revision().value());
    m.put("at", c.at().toString());
    return m;
  }
}
