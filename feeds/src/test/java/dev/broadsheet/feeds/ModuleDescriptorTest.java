package dev.broadsheet.feeds;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(NewsFeeds.class);

  @Test
  void isNamedDevBroadsheetFeeds() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.feeds");
  }

  @Test
  void exportsOnlyTheApiPackage() {
    assertThat(CompiledModule.exports(module)).containsOnly(entry("dev.broadsheet.feeds", Set.of()));
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresCoreAndMarkdownTransitivelyAndTheRestPrivately() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.core", Set.of(TRANSITIVE)),
        entry("dev.broadsheet.markdown", Set.of(TRANSITIVE)),
        entry("dev.broadsheet.json", Set.of()),
        entry("com.fasterxml.jackson.core", Set.of()),
        entry("java.xml", Set.of()),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
