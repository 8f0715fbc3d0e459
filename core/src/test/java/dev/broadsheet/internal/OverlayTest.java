package dev.broadsheet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Revision;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayTest {
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
  private static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");
  private static final ArticleQuery NEWEST = ArticleQuery.builder().sort(Sort.NEWEST).build();

  private static StoredArticle stored(String id, int day, String revision) {
    Article a = Article.builder(id).title("Title " + id).publishedAt(JANUARY.plusSeconds(86_400L * day))
        .category("BUSINESS").tags("AI").build();
    return new StoredArticle(a, Revision.of(revision));
  }

  private static Snapshot base(int count) {
    List<StoredArticle> articles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      articles.add(stored("base-" + i, i % 28, "r1"));
    }
    return Snapshot.of(articles, new Dicts());
  }

  private static List<String> ids(Snapshot s) {
    List<String> ids = new ArrayList<>();
    for (Iterator<StoredArticle> it = s.stream(NEWEST, NOW); it.hasNext(); ) {
      ids.add(it.next().id());
    }
    return ids;
  }

  @Test
  void aSavedVersionShadowsItsBaseDocument() {
    Snapshot s = base(3).with(stored("base-1", 20, "r2"));

    assertThat(s.get("base-1")).get().extracting(x -> x.revision().value()).isEqualTo("r2");
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.overlay().entries()).extracting(Entry::id).containsExactly("base-1");
    assertThat(s.overlay().dead().getCardinality()).isEqualTo(1);
    assertThat(ids(s)).containsExactly("base-1", "base-2", "base-0");
  }

  @Test
  void deletingRemovesBothTheEntryAndTheBaseDocumentItReplaced() {
    Snapshot s = base(3).with(stored("base-1", 20, "r2")).without("base-1");

    assertThat(s.get("base-1")).isEmpty();
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.overlay().entries()).isEmpty();
    assertThat(ids(s)).containsExactly("base-2", "base-0");
    assertThat(s.count(NEWEST, NOW)).isEqualTo(2);
  }

  @Test
  void deletingAnUnknownIdChangesNothing() {
    Snapshot s = base(3).without("nowhere");

    assertThat(s.size()).isEqualTo(3);
    assertThat(s.overlay().dead().isEmpty()).isTrue();
    assertThat(ids(s)).containsExactly("base-2", "base-1", "base-0");
  }

  @Test
  void foldsIntoANewBaseOnceTheOverlayOutgrowsItsLimit() {
    // Over a small base the overlay holds up to 256 entries.
    Snapshot s = base(10).with(stored("base-3", 27, "r2"));
    for (int i = 0; i < 255; i++) {
      s = s.with(stored("new-" + i, i % 28, "r1"));
    }
    assertThat(s.overlay().entries()).hasSize(256);
    List<String> before = ids(s);

    s = s.with(stored("new-255", 3, "r1"));

    assertThat(s.overlay().entries()).isEmpty();
    assertThat(s.overlay().dead().isEmpty()).isTrue();
    assertThat(s.size()).isEqualTo(266);
    assertThat(s.get("base-3")).get().extracting(x -> x.revision().value()).isEqualTo("r2");
    List<String> expected = new ArrayList<>(before);
    // Published the same day as new-227 and new-3, whose ids sort either side of it.
    expected.add(expected.indexOf("new-3"), "new-255");
    assertThat(ids(s)).isEqualTo(expected);
  }
}
