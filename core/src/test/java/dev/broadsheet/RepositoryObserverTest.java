package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.RepositoryObserver.Operation;
import dev.broadsheet.RepositoryObserver.Outcome;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RepositoryObserverTest {
  private record Seen(Operation operation, long nanos, Outcome outcome) {}

  private static Article article(String id) {
    return Article.builder(id).title("T " + id).publishedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
  }

  @Test
  void hearsEachOperationWithItsOutcomeUntilClosed() {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      repo.save(article("a")); // before: not heard
      RepositoryObserver.Registration r = repo.observe((op, nanos, outcome) -> seen.add(new Seen(op, nanos, outcome)));
      Revision rev = repo.save(article("b"));
      assertThatThrownBy(() -> repo.save(article("b"), Revision.NONE)).isInstanceOf(ArticleConflictException.class);
      repo.query(ArticleQuery.all());
      repo.get("a");
      repo.delete("b", rev);
      r.close();
      r.close();
      repo.query(ArticleQuery.all());

      assertThat(seen).extracting(Seen::operation, Seen::outcome).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Operation.SAVE, Outcome.OK),
          org.assertj.core.groups.Tuple.tuple(Operation.SAVE, Outcome.CONFLICT),
          org.assertj.core.groups.Tuple.tuple(Operation.QUERY, Outcome.OK),
          org.assertj.core.groups.Tuple.tuple(Operation.FIND, Outcome.OK),
          org.assertj.core.groups.Tuple.tuple(Operation.DELETE, Outcome.OK));
      assertThat(seen).allMatch(s -> s.nanos() >= 0);
    }
  }

  @Test
  void anObserverThatThrowsDoesNotFailTheOperationOrTheOthers() {
    List<Operation> seen = new CopyOnWriteArrayList<>();
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      repo.observe((op, nanos, outcome) -> {
        throw new IllegalStateException("observer bug");
      });
      repo.observe((op, nanos, outcome) -> seen.add(op));
      repo.save(article("a"));
      assertThat(repo.count(ArticleQuery.all())).isEqualTo(1);
      assertThat(seen).containsExactly(Operation.SAVE, Operation.COUNT);
    }
  }

  @Test
  void namesItsStoreByKind() {
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      assertThat(repo.storeName()).isEqualTo("inmemory");
    }
  }
}
