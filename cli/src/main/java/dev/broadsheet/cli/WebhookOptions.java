package dev.broadsheet.cli;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.server.Webhooks;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code serve}'s webhook options: endpoints to post the public change feed to, signed with the
 * secret of {@link #SECRET_VARIABLE}, their positions kept in the folder's {@code .broadsheet/}.
 */
final class WebhookOptions {
  /** The environment variable the webhooks' signing secret is read from; it is never printed. */
  static final String SECRET_VARIABLE = "BROADSHEET_WEBHOOK_SECRET";
  /** Where, in a content folder, the webhooks' positions are kept. */
  static final String STATE_FILE = ".broadsheet/webhooks.json";

  @Option(names = "--webhook", paramLabel = "URL",
      description = "Posts each public change (upsert, delete, published, unpublished) to URL as JSON, signed "
          + "with HMAC-SHA256 in the Broadsheet-Signature header using the secret in " + SECRET_VARIABLE
          + "; retried until it answers 2xx, in order, resumed after a restart. Repeat for more endpoints.")
  List<String> urls = new ArrayList<>();

  @Option(names = "--webhook-state", paramLabel = "FILE",
      description = "Where each webhook's position is kept across restarts; default DIR/" + STATE_FILE
          + " for a folder (needed for a database).")
  @Nullable Path stateFile;

  private final List<URI> endpoints = new ArrayList<>();
  private @Nullable String secret;

  /** Checks the options before anything is opened; a usage error names what is wrong. */
  void check(CommandLine commandLine, StoreLocation location) {
    if (urls.isEmpty()) {
      if (stateFile != null) {
        throw new ParameterException(commandLine, "--webhook-state needs --webhook");
      }
      return;
    }
    String value = StoreLocation.environment.apply(SECRET_VARIABLE);
    if (value == null || value.isEmpty()) {
      throw new ParameterException(commandLine, "--webhook needs a signing secret: set the environment variable "
          + SECRET_VARIABLE);
    }
    secret = value;
    if (stateFile == null && !(location instanceof StoreLocation.Folder)) {
      throw new ParameterException(commandLine, "--webhook with a database needs --webhook-state FILE");
    }
    try (ArticleRepository none = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      Webhooks.Builder probe = Webhooks.builder(none);
      for (String url : urls) {
        URI uri;
        try {
          uri = new URI(url);
          probe.endpoint(uri, value);
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new ParameterException(commandLine, "Invalid value for option '--webhook': "
              + "must be an absolute http or https URL, was '" + url + "'");
        }
        endpoints.add(uri);
      }
    }
  }

  /** Starts delivering to the endpoints, if any; null without. */
  Webhooks.@Nullable Running start(ArticleRepository repository, StoreLocation location, PrintWriter err) {
    if (endpoints.isEmpty()) {
      return null;
    }
    Path state = stateFile != null ? stateFile : ((StoreLocation.Folder) location).path().resolve(STATE_FILE);
    Webhooks.Builder b = Webhooks.builder(repository).stateFile(state);
    for (URI uri : endpoints) {
      b.endpoint(uri, secret);
    }
    Webhooks.Running running = b.build().start();
    err.println("Webhooks: " + endpoints.size() + (endpoints.size() == 1 ? " endpoint" : " endpoints")
        + ", positions kept in " + ContentFiles.shown(state));
    err.flush();
    return running;
  }
}
