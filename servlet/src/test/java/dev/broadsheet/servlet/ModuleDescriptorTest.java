package dev.broadsheet.servlet;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(ContentServlet.class);

  @Test
  void isNamedDevBroadsheetServlet() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.servlet");
  }

  @Test
  void exportsTheApiPackageToEveryone() {
    assertThat(CompiledModule.exports(module)).containsOnly(entry("dev.broadsheet.servlet", Set.of()));
  }

  @Test
  void hidesNothingAndOpensNone() {
    assertThat(CompiledModule.hidden(module)).isEmpty();
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresTransitivelyTheModulesItsApiMentions() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.server", Set.of(TRANSITIVE)),
        entry("jakarta.servlet", Set.of(TRANSITIVE)),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
