package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.SyncToken;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhooksTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String SECRET = "whsec-test-0123456789";

  /** A clock the test moves; the repository's "now". */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(NOW);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private ArticleRepository repo = repository(100_000);

  private ArticleRepository repository(int capacity) {
    ArticleRepository r = ArticleRepository.builder().store(new InMemoryArticleStore()).clock(clock)
        .changeLogCapacity(capacity).build();
    closing.add(r);
    return r;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private HookReceiver receiver() throws Exception {
    HookReceiver r = new HookReceiver(SECRET);
    closing.add(r);
    return r;
  }

  private Webhooks.Builder hooks(HookReceiver... receivers) {
    Webhooks.Builder b = Webhooks.builder(repo)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(200))
        .timeout(Duration.ofMillis(500))
        .stateFile(dir.resolve("state/webhooks.json"));
    for (HookReceiver r : receivers) {
      b.endpoint(r.uri(), r.secret);
    }
    return b;
  }

  private Webhooks.Running start(Webhooks.Builder b) {
    Webhooks.Running running = b.build().start();
    closing.add(running);
    return running;
  }

  private static Article article(String id) {
    return Article.builder(id).title("Title " + id).publishedAt(NOW.minus(Duration.ofDays(1))).category("LOCAL").build();
  }

  @Test
  void deliversEveryPublicChangeInOrderSignedWithTheFeedsItemShape() throws Exception {
    HookReceiver receiver = receiver();
    start(hooks(receiver));
    Revision a1 = repo.save(article("a"));
    repo.save(article("b"));
    Revision a2 = repo.save(article("a").withTitle("Changed"));
    repo.delete("b");
    repo.save(article("draft").withDraft(true));
    repo.save(article("c"));

    HookReceiver.await(DEADLINE, "c delivered",
        () -> receiver.distinctChanges().contains("c upsert"));
    assertThat(receiver.distinctChanges())
        .containsExactly("a upsert", "b upsert", "a upsert", "b delete", "c upsert");
    assertThat(receiver.attempts).allSatisfy(d -> assertThat(d.verified()).as("signature").isTrue());
    List<JsonNode> items = receiver.acknowledgedItems();
    JsonNode first = items.get(0);
    assertThat(first.fieldNames()).toIterable().containsExactly("id", "change", "revision", "at");
    assertThat(first.get("revision").asText()).isEqualTo(a1.value());
    assertThat(items.get(2).get("revision").asText()).isEqualTo(a2.value());
    assertThat(items.get(3).get("revision").isNull()).isTrue();
    assertThat(Instant.parse(first.get("at").asText())).isEqualTo(NOW);
  }

  @Test
  void aSignatureFromAnotherSecretOrAnAlteredBodyIsRefusedByTheVerifier() throws Exception {
    byte[] body = "{\"items\":[]}".getBytes();
    long now = Instant.now().getEpochSecond();
    String header = Webhooks.signature(SECRET, now, body);
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
    assertThat(HookReceiver.verified(header, body, SECRET)).isTrue();
    assertThat(HookReceiver.verified(header, body, "another secret")).isFalse();
    assertThat(HookReceiver.verified(header, "{\"items\":[1]}".getBytes(), SECRET)).isFalse();
    assertThat(HookReceiver.verified(Webhooks.signature(SECRET, now - 3600, body), body, SECRET))
        .as("an hour old: a replay").isFalse();
  }

  @Test
  void retriesAfterServerErrorsKeepingTheOrder() throws Exception {
    HookReceiver receiver = receiver();
    receiver.behaviour = n -> n <= 3 ? 500 : 200;
    start(hooks(receiver));
    repo.save(article("a"));
    HookReceiver.await(DEADLINE, "a first attempt", () -> !receiver.attempts.isEmpty());
    repo.save(article("b"));
    repo.save(article("c"));

    HookReceiver.await(DEADLINE, "c delivered", () -> receiver.distinctChanges().contains("c upsert"));
    assertThat(receiver.distinctChanges()).containsExactly("a upsert", "b upsert", "c upsert");
    assertThat(receiver.attempts.subList(0, 3)).allSatisfy(d -> assertThat(d.status()).isEqualTo(500));
    assertThat(receiver.attempts.get(0).items()).extracting(n -> n.get("id").asText()).containsExactly("a");
    assertThat(receiver.attempts.get(1).body()).as("the same batch again").isEqualTo(receiver.attempts.get(0).body());
  }

  @Test
  void retriesAfterATimeout() throws Exception {
    HookReceiver receiver = receiver();
    receiver.behaviour = n -> n == 1 ? -3000 : 200; // the first answer comes after the 500 ms timeout
    start(hooks(receiver));
    repo.save(article("a"));
    repo.save(article("b"));

    HookReceiver.await(DEADLINE, "a second attempt", () -> receiver.attempts.stream().anyMatch(d -> d.attempt() == 2));
    HookReceiver.await(DEADLINE, "b delivered", () -> receiver.distinctChanges().contains("b upsert"));
    assertThat(receiver.distinctChanges()).containsExactly("a upsert", "b upsert");
  }

  @Test
  void aRestartInTheMiddleOfRetriesDropsNothing() throws Exception {
    HookReceiver receiver = receiver();
    receiver.behaviour = n -> 503;
    Path state = dir.resolve("state/webhooks.json");
    Webhooks.Running first = start(hooks(receiver));
    SyncToken started = first.acknowledged(receiver.uri()).orElseThrow();
    repo.save(article("a"));
    repo.save(article("b"));
    HookReceiver.await(DEADLINE, "three failed attempts", () -> receiver.attempts.size() >= 3);
    first.close();
    assertThat(first.acknowledged(receiver.uri())).as("nothing acknowledged").hasValue(started);
    assertThat(Files.readString(state)).contains(receiver.uri().toString(), started.toString());
    repo.save(article("c")); // while nothing delivers

    receiver.behaviour = n -> 200;
    Webhooks.Running second = start(hooks(receiver));
    HookReceiver.await(DEADLINE, "c delivered", () -> receiver.distinctChanges().contains("c upsert"));
    assertThat(receiver.distinctChanges()).containsExactly("a upsert", "b upsert", "c upsert");
    HookReceiver.await(DEADLINE, "state written", () -> !second.acknowledged(receiver.uri()).orElseThrow().equals(started));
    // The position is acknowledged in memory, then written: wait for the file to say it too.
    HookReceiver.await(DEADLINE, "state file written", () -> {
      try {
        return Files.readString(state).contains(second.acknowledged(receiver.uri()).orElseThrow().toString());
      } catch (java.io.IOException e) {
        return false; // being replaced
      }
    });

    // And a third start delivers nothing again: it resumes after what was acknowledged.
    second.close();
    int before = receiver.attempts.size();
    Webhooks.Running third = start(hooks(receiver));
    repo.save(article("d"));
    HookReceiver.await(DEADLINE, "d delivered", () -> receiver.distinctChanges().contains("d upsert"));
    assertThat(receiver.attempts.subList(before, receiver.attempts.size()))
        .flatExtracting(d -> d.items().stream().map(n -> n.get("id").asText()).toList())
        .containsOnly("d");
    third.close();
  }

  @Test
  void aDeadEndpointDelaysNothingForALiveOne() throws Exception {
    HookReceiver dead = receiver();
    dead.behaviour = n -> -10_000; // answers long after every timeout
    HookReceiver live = receiver();
    start(hooks(dead, live));
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = "n" + i;
      Instant saved = Instant.now();
      repo.save(article(id));
      HookReceiver.await(DEADLINE, id + " delivered", () -> live.distinctChanges().contains(id + " upsert"));
      delays.add(Duration.between(saved, Instant.now()));
    }
    assertThat(delays).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(2)));
    assertThat(dead.attempts.size() + 1).as("the dead one was tried").isPositive();
  }

  @Test
  void aScheduledArticleIsDeliveredAsPublishedWhenItsTimeComes() throws Exception {
    HookReceiver receiver = receiver();
    start(hooks(receiver));
    repo.save(article("soon").toBuilder().publishedAt(NOW.plus(Duration.ofHours(1))).build());
    repo.save(article("marker"));
    HookReceiver.await(DEADLINE, "marker delivered", () -> receiver.distinctChanges().contains("marker upsert"));
    assertThat(receiver.distinctChanges()).containsExactly("marker upsert");

    clock.now.set(NOW.plus(Duration.ofHours(2)));
    HookReceiver.await(DEADLINE, "soon published", () -> receiver.distinctChanges().contains("soon published"));
    JsonNode item = receiver.acknowledgedItems().stream().filter(n -> n.get("id").asText().equals("soon"))
        .findFirst().orElseThrow();
    assertThat(Instant.parse(item.get("at").asText())).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void anExpiredTokenStartsAtTheHeadInsteadOfAFlood() throws Exception {
    repo = repository(5);
    HookReceiver receiver = receiver();
    Webhooks.Running first = start(hooks(receiver));
    repo.save(article("a"));
    HookReceiver.await(DEADLINE, "a delivered", () -> receiver.distinctChanges().contains("a upsert"));
    first.close();
    for (int i = 0; i < 20; i++) {
      repo.save(article("missed" + i)); // beyond the five changes the log keeps
    }
    start(hooks(receiver));
    repo.save(article("after"));
    HookReceiver.await(DEADLINE, "after delivered", () -> receiver.distinctChanges().contains("after upsert"));
    assertThat(receiver.distinctChanges()).containsExactly("a upsert", "after upsert");
  }

  @Test
  void theServerDeliversWhileItRuns() throws Exception {
    HookReceiver receiver = receiver();
    ContentServer.Running server = ContentServer.builder(repo).webhook(receiver.uri(), SECRET)
        .webhookState(dir.resolve("hooks.json")).build().start(0);
    closing.add(server);
    repo.save(article("a"));
    HookReceiver.await(DEADLINE, "a delivered", () -> receiver.distinctChanges().contains("a upsert"));
    assertThat(dir.resolve("hooks.json")).exists();
    server.close();
    repo.save(article("b"));
    repo.save(article("c"));
    Thread.sleep(300); // nothing may come: the server's webhooks stopped with it
    assertThat(receiver.distinctChanges()).containsExactly("a upsert");
  }

  @Test
  void refusesBadEndpointsAndSecrets() {
    Webhooks.Builder b = Webhooks.builder(repo);
    assertThatThrownBy(() -> b.endpoint(URI.create("ftp://example.com/x"), "s"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> b.endpoint(URI.create("/relative"), "s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.endpoint(URI.create("https://example.com/x"), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    ContentApi api = ContentApi.builder(repo).build();
    assertThatThrownBy(() -> ContentServer.builder(api).webhook(URI.create("https://example.com/x"), "s"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Webhooks.builder(repository)");
  }
}
