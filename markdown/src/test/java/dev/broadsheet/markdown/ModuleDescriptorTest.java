package dev.broadsheet.markdown;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(ArticleCodec.class);

  @Test
  void isNamedDevBroadsheetMarkdown() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.markdown");
  }

  @Test
  void exportsTheApiPackagesToEveryone() {
    assertThat(CompiledModule.exports(module)).containsOnly(
        entry("dev.broadsheet.markdown", Set.of()),
        entry("dev.broadsheet.markdown.lint", Set.of()),
        entry("dev.broadsheet.markdown.render", Set.of()));
  }

  @Test
  void hidesOnlyInternalPackagesAndOpensNone() {
    assertThat(CompiledModule.hidden(module)).allMatch(p -> p.matches(".*\\.internal(\\..*)?"));
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresCoreTransitivelyAndItsParsersPrivately() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.core", Set.of(TRANSITIVE)),
        entry("org.yaml.snakeyaml", Set.of()),
        entry("org.commonmark", Set.of()),
        entry("org.commonmark.ext.gfm.tables", Set.of()),
        entry("org.commonmark.ext.gfm.strikethrough", Set.of()),
        entry("org.commonmark.ext.autolink", Set.of()),
        entry("com.github.benmanes.caffeine", Set.of()),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
