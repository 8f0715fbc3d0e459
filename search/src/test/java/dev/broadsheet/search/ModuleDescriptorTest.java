package dev.broadsheet.search;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(LuceneSearch.class);

  @Test
  void isNamedDevBroadsheetSearch() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.search");
  }

  @Test
  void exportsTheApiPackageToEveryone() {
    assertThat(CompiledModule.exports(module)).containsOnly(entry("dev.broadsheet.search", Set.of()));
  }

  @Test
  void hidesOnlyInternalPackagesAndOpensNone() {
    assertThat(CompiledModule.hidden(module)).allMatch(p -> p.matches(".*\\.internal(\\..*)?"));
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresLuceneButExposesNoneOfIt() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.core", Set.of(TRANSITIVE)),
        entry("org.apache.lucene.core", Set.of()),
        entry("org.apache.lucene.analysis.common", Set.of()),
        entry("org.apache.lucene.queryparser", Set.of()),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
