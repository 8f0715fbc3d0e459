package dev.broadsheet.server;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(ContentServer.class);

  @Test
  void isNamedDevBroadsheetServer() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.server");
  }

  @Test
  void exportsTheApiPackagesToEveryone() {
    assertThat(CompiledModule.exports(module)).containsOnly(
        entry("dev.broadsheet.server", Set.of()));
  }

  @Test
  void hidesOnlyInternalPackagesAndOpensNone() {
    assertThat(CompiledModule.hidden(module)).allMatch(p -> p.matches(".*\\.internal(\\..*)?"));
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresTransitivelyTheModulesItsApiMentions() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.core", Set.of(TRANSITIVE)),
        entry("dev.broadsheet.markdown", Set.of(TRANSITIVE)),
        entry("dev.broadsheet.json", Set.of()),
        entry("dev.broadsheet.feeds", Set.of(TRANSITIVE)), // the builder takes NewsFeeds
        entry("com.fasterxml.jackson.databind", Set.of(TRANSITIVE)),
        entry("jdk.httpserver", Set.of(TRANSITIVE)),
        entry("java.net.http", Set.of()), // the webhooks' client, in no signature
        entry("com.github.benmanes.caffeine", Set.of()), // lists' kept JSON, in no signature
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
