package dev.broadsheet.json.jackson3;

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
  void isNamedDevBroadsheetJsonJackson3() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.json.jackson3");
  }

  @Test
  void exportsOnlyTheModulePackage() {
    assertThat(CompiledModule.exports(module)).containsOnly(entry("dev.broadsheet.json.jackson3", Set.of()));
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresTheJsonModuleAndJackson3Transitively() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.json", Set.of(TRANSITIVE)),
        entry("tools.jackson.databind", Set.of(TRANSITIVE)),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
