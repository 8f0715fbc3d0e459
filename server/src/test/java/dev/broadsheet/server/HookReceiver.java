package dev.broadsheet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint for tests, on the JDK's HTTP server: verifies each request's signature as
 * the README shows a user to, records every attempt, and answers as {@link #behaviour} says:
 * a status, or a negative number of milliseconds to sleep before answering 200.
 */
final class HookReceiver implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Delivery(int attempt, boolean verified, int status, List<JsonNode> items, Instant receivedAt, byte[] body) {}

  final String secret;
  final List<Delivery> attempts = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  /** From the attempt's number (1, 2, ...) to the answer: a status, or -millis to sleep and then answer 200. */
  volatile IntUnaryOperator behaviour = n -> 200;

  HookReceiver(String secret) throws IOException {
    this.secret = secret;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.setExecutor(executor);
    server.createContext("/", ex -> {
      int n = count.incrementAndGet();
      byte[] body = ex.getRequestBody().readAllBytes();
      String header = ex.getRequestHeaders().getFirst("Broadsheet-Signature");
      boolean verified;
      try {
        verified = header != null && verified(header, body, this.secret);
      } catch (Exception e) {
        verified = false;
      }
      int action = behaviour.applyAsInt(n);
      int status = action;
      if (action < 0) {
        try {
          Thread.sleep(-action);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        status = 200;
      }
      List<JsonNode> items = new ArrayList<>();
      JSON.readTree(body).get("items").forEach(items::add);
      attempts.add(new Delivery(n, verified, status, items, Instant.now(), body));
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    server.start();
  }

  /** The README's verifier: the signature of {@code body} under {@code secret}, fresh within five minutes. */
  static boolean verified(String header, byte[] body, String secret) throws Exception {
    Map<String, String> parts = new HashMap<>();
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      parts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    long t = Long.parseLong(parts.getOrDefault("t", "0"));
    if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
      return false; // an old request replayed
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, parts.getOrDefault("v1", "").getBytes(StandardCharsets.UTF_8));
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** Every item of every acknowledged request, in the order received. */
  List<JsonNode> acknowledgedItems() {
    List<JsonNode> all = new ArrayList<>();
    for (Delivery d : attempts) {
      if (d.status() / 100 == 2) {
        all.addAll(d.items());
      }
    }
    return all;
  }

  /** "id change" of acknowledged items, repeats (at least once) removed, in first-seen order. */
  List<String> distinctChanges() {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (JsonNode n : acknowledgedItems()) {
      seen.add(n.get("id").asText() + " " + n.get("change").asText() + " " + n.get("revision").asText());
    }
    List<String> out = new ArrayList<>();
    for (String s : seen) {
      out.add(s.substring(0, s.lastIndexOf(' ')));
    }
    return out;
  }

  static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
