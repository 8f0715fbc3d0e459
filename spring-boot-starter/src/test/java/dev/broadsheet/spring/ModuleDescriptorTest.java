package dev.broadsheet.spring;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(BroadsheetAutoConfiguration.class);

  @Test
  void isNamedDevBroadsheetSpring() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.spring");
  }

  @Test
  void exportsTheConfigurationAndOpensItToSpringOnly() {
    assertThat(CompiledModule.exports(module)).containsOnly(entry("dev.broadsheet.spring", Set.of()));
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).singleElement().satisfies(o -> {
      assertThat(o.source()).isEqualTo("dev.broadsheet.spring");
      assertThat(o.targets()).containsOnly("spring.core", "spring.beans", "spring.context", "spring.boot");
    });
  }

  @Test
  void requiresTheServletAdapterFileStoreAndJackson3ModuleTransitivelyAndSpringPlainly() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.servlet", Set.of(TRANSITIVE)),
        entry("dev.broadsheet.fs", Set.of(TRANSITIVE)),
        entry("dev.broadsheet.json.jackson3", Set.of(TRANSITIVE)),
        entry("spring.boot", Set.of()),
        entry("spring.boot.autoconfigure", Set.of()),
        entry("spring.beans", Set.of()),
        entry("spring.context", Set.of()),
        entry("spring.core", Set.of()),
        entry("spring.boot.health", Set.of(STATIC)),
        entry("dev.broadsheet.postgres", Set.of(STATIC)),
        entry("dev.broadsheet.metrics", Set.of(STATIC)),
        entry("micrometer.core", Set.of(STATIC)),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
