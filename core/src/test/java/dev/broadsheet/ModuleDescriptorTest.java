package dev.broadsheet;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(Article.class);

  @Test
  void isNamedDevBroadsheetCore() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.core");
  }

  @Test
  void exportsTheApiToEveryoneAndInternalOnlyToTheModulesSharingIt() {
    assertThat(CompiledModule.exports(module)).containsOnly(
        entry("dev.broadsheet", Set.of()),
        entry("dev.broadsheet.spi", Set.of()),
        entry("dev.broadsheet.memory", Set.of()),
        entry("dev.broadsheet.internal", Set.of("dev.broadsheet.json", "dev.broadsheet.markdown", "dev.broadsheet.fs",
            "dev.broadsheet.server")));
  }

  @Test
  void hidesOnlyInternalPackagesAndOpensNone() {
    assertThat(CompiledModule.hidden(module)).allMatch(p -> p.matches(".*\\.internal(\\..*)?"));
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresRoaringBitmapAndJSpecifyOnlyAtCompileTime() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("roaringbitmap", Set.of()),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
