package dev.broadsheet.metrics;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(BroadsheetMetrics.class);

  @Test
  void isNamedDevBroadsheetMetrics() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.metrics");
  }

  @Test
  void exportsOnlyItsApiPackageAndOpensNone() {
    assertThat(CompiledModule.exports(module)).containsOnly(entry("dev.broadsheet.metrics", Set.of()));
    assertThat(CompiledModule.hidden(module)).isEmpty();
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresCoreMarkdownAndMicrometerTransitively() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.core", Set.of(TRANSITIVE)),
        entry("dev.broadsheet.markdown", Set.of(TRANSITIVE)),
        entry("micrometer.core", Set.of(TRANSITIVE)),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)));
  }
}
