package dev.broadsheet.server;

import java.net.URI;

/** The behaviour kit on a server {@link ContentServer#start started} by this module, at the root. */
class ContentServerContractTest extends ContentApiContractTest {
  @Override
  protected Served serve(ContentApi api) {
    ContentServer.Running running = ContentServer.builder(api).build().start(0);
    return Served.of(URI.create("http://127.0.0.1:" + running.port()), running);
  }
}
