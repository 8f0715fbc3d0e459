package dev.broadsheet.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.SyncToken;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.json.BroadsheetModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a mirror of the public articles in sync through the change feed: one JSON file per
 * article, written when an article is stored or goes live, removed when it is deleted or
 * expires. The sync token is kept next to the mirror, so each run takes only what changed since
 * the last; a token the store no longer accepts (its log was lost, or the run was too long ago)
 * means a sync from scratch.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     dev.broadsheet.examples.ChangeMirror [CONTENT_FOLDER] [MIRROR_FOLDER]
 * }</pre>
 */
public final class ChangeMirror {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new BroadsheetModule());

  private ChangeMirror() {}

  public static void main(String[] args) throws IOException {
    Path content = SampleFolder.of(args);
    Path mirror = Path.of(args.length > 1 ? args[1] : "target/mirror");
    FileArticleStore store = FileArticleStore.builder(content).watching(Watching.OFF).build();
    try (ArticleRepository repository = ArticleRepository.builder().store(store).build()) {
      sync(repository, mirror);
    }
  }

  /** Brings {@code mirror} up to date; returns how many changes it applied. */
  static int sync(ArticleRepository repository, Path mirror) throws IOException {
    Files.createDirectories(mirror);
    Path tokenFile = mirror.resolve(".sync-token");
    SyncToken token = Files.exists(tokenFile) ? readToken(tokenFile) : null;
    if (token == null) {
      clear(mirror); // a sync from scratch lists everything again
    }
    int applied = 0;
    boolean more = true;
    while (more) {
      ChangePage page;
      try {
        page = repository.changes(token, 200);
      } catch (InvalidSyncTokenException e) { // expired too
        System.out.println("Starting over: " + e.getMessage());
        clear(mirror);
        token = null;
        continue;
      }
      for (ArticleChange c : page.items()) {
        Path file = mirror.resolve(c.id().replace('/', '_') + ".json");
        switch (c.kind()) {
          case UPSERT, PUBLISHED -> {
            Article article = repository.get(c.id()).orElse(null);
            if (article != null) {
              write(file, JSON.writeValueAsBytes(article));
            }
          }
          case DELETE, UNPUBLISHED -> Files.deleteIfExists(file);
        }
        System.out.println(c.kind() + " " + c.id() + " at " + c.at());
        applied++;
      }
      token = page.next();
      write(tokenFile, token.toString().getBytes(StandardCharsets.UTF_8)); // after the changes: at least once
      more = page.hasMore();
    }
    System.out.println("Mirror up to date: " + applied + " changes applied");
    return applied;
  }

  private static @Nullable SyncToken readToken(Path file) throws IOException {
    try {
      return SyncToken.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (InvalidSyncTokenException e) {
      return null;
    }
  }

  private static void clear(Path mirror) throws IOException {
    try (var files = Files.list(mirror)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        Files.delete(f);
      }
    }
  }

  /** Written beside the file and renamed over it, so a reader never sees half a file. */
  private static void write(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
