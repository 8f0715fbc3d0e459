package dev.broadsheet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link Snapshot#dueAfter} finds exactly the instants a walk over every article finds. */
class DueAfterTest {
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
  private static final ArticleQuery EVERYTHING = ArticleQuery.builder()
      .drafts(Inclusion.INCLUDE).scheduled(Inclusion.INCLUDE).expired(Inclusion.INCLUDE).build();

  /** An instant near NOW, sometimes exactly NOW, sometimes a nanosecond either side of it. */
  private static Instant near(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> NOW;
      case 1 -> NOW.plusNanos(r.nextBoolean() ? 1 : -1);
      default -> NOW.plusSeconds(r.nextInt(7200) - 3600).plusNanos(r.nextInt(3) * 500);
    };
  }

  private static StoredArticle article(Random r, String id, String revision) {
    Article.Builder b = Article.builder(id).title("Title " + id).draft(r.nextInt(10) == 0);
    if (r.nextInt(6) != 0) {
      b.publishedAt(near(r));
    }
    if (r.nextInt(3) == 0) {
      b.expiresAt(near(r));
    }
    return new StoredArticle(b.build(), Revision.of(revision));
  }

  /** Each instant after {@code since} at which an article that is no draft goes live or expires. */
  private static Set<String> brute(Snapshot s, Instant since) {
    Set<String> out = new TreeSet<>();
    for (Iterator<StoredArticle> it = s.stream(EVERYTHING, NOW); it.hasNext(); ) {
      Article a = it.next().article();
      for (Instant at : new Instant[] {a.publishedAt(), a.expiresAt()}) {
        if (!a.draft() && at != null && at.isAfter(since)) {
          out.add(a.id() + " " + at);
        }
      }
    }
    return out;
  }

  private static Set<String> found(List<Scheduled> found) {
    Set<String> out = new TreeSet<>();
    for (Scheduled s : found) {
      out.add(s.id() + " " + s.at());
    }
    return out;
  }

  @Test
  void findsWhatAWalkOverEveryArticleFinds() {
    for (long seed = 1; seed <= 40; seed++) {
      Random r = new Random(seed);
      List<StoredArticle> base = new ArrayList<>();
      int n = 1 + r.nextInt(300);
      for (int i = 0; i < n; i++) {
        base.add(article(r, "a-" + i, "r1"));
      }
      Snapshot s = Snapshot.of(base, new Dicts());
      for (int i = r.nextInt(40); i > 0; i--) {
        String id = "a-" + r.nextInt(n + 20);
        s = r.nextInt(4) == 0 ? s.without(id) : s.with(article(r, id, "r" + (i + 1)));
      }
      for (Instant since : List.of(NOW, NOW.minusNanos(1), NOW.plusNanos(1), NOW.minusSeconds(4000),
          NOW.plusSeconds(4000))) {
        assertThat(found(s.dueAfter(since))).as("seed %d, since %s", seed, since).isEqualTo(brute(s, since));
      }
    }
  }
}
