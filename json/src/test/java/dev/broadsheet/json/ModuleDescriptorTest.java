package dev.broadsheet.json;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(BroadsheetModule.class);

  @Test
  void isNamedDevBroadsheetJson() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.json");
  }

  @Test
  void exportsTheApiPackagesToEveryone() {
    assertThat(CompiledModule.exports(module)).containsOnly(
        entry("dev.broadsheet.json", Set.of()),
        entry("dev.broadsheet.json.internal", Set.of("dev.broadsheet.server")));
  }

  @Test
  void hidesOnlyInternalPackagesAndOpensNone() {
    assertThat(CompiledModule.hidden(module)).allMatch(p -> p.matches(".*\\.internal(\\..*)?"));
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresCoreAndJacksonTransitively() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.core", Set.of(TRANSITIVE)),
        entry("com.fasterxml.jackson.databind", Set.of(TRANSITIVE)),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
