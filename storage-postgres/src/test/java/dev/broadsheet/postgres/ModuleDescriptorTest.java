package dev.broadsheet.postgres;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.broadsheet.CompiledModule;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  private final ModuleDescriptor module = CompiledModule.of(PostgresArticleStore.class);

  @Test
  void isNamedDevBroadsheetPostgres() {
    assertThat(module.name()).isEqualTo("dev.broadsheet.postgres");
  }

  @Test
  void exportsTheApiPackageToEveryone() {
    assertThat(CompiledModule.exports(module)).containsOnly(
        entry("dev.broadsheet.postgres", Set.of()));
  }

  @Test
  void hidesOnlyTheMigrationFilesAndOpensNothing() {
    // db/broadsheet holds no classes, only the SQL files the store reads as its own resources.
    assertThat(CompiledModule.hidden(module)).containsOnly("db.broadsheet");
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void requiresTransitivelyTheModulesItsApiMentions() {
    assertThat(CompiledModule.requires(module)).containsOnly(
        entry("dev.broadsheet.core", Set.of(TRANSITIVE)),
        entry("dev.broadsheet.markdown", Set.of(TRANSITIVE)),
        entry("java.sql", Set.of(TRANSITIVE)),
        entry("org.jspecify", Set.of(STATIC, TRANSITIVE)),
        entry("dev.broadsheet.json", Set.of()),
        entry("com.fasterxml.jackson.databind", Set.of()),
        entry("com.github.benmanes.caffeine", Set.of()),
        entry("org.postgresql.jdbc", Set.of()));
  }
}
