package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WalkOrderTest {
  /** Characters around '/' in order, a few wider ones, and '/' itself, often. */
  private static final char[] CHARS = {'/', '/', '/', '-', '.', '0', '9', 'A', 'a', 'z', '~', ' ', '!', '\u00e9',
      '\u00ff', '\u0100', '\u6771', '\uD83D', '\uDCF0'};

  private static String path(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.append(CHARS[random.nextInt(CHARS.length)]);
    }
    return b.toString();
  }

  @Test
  void keysSortAsTheWalkOrdersTheirPaths() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        // Many share a prefix, so that their first difference is often at or next to a '/'.
        String p = path(random);
        paths.add(p);
        paths.add(p + path(random));
      }
      for (String x : paths) {
        String y = paths.get(random.nextInt(paths.size()));
        assertThat(Integer.signum(ContentFolder.walkKey(x).compareTo(ContentFolder.walkKey(y))))
            .as("%s against %s, seed %d", x, y, seed)
            .isEqualTo(Integer.signum(ContentFolder.WALK_ORDER.compare(x, y)));
      }
    }
  }

  @Test
  void aFolderSortsBeforeNamesThatExtendItsName() {
    List<String> paths = new ArrayList<>(List.of("a.md", "a/b.md", "a-b.md", "a0.md", "a/b/c.md", "a/b-c.md"));
    paths.sort((x, y) -> ContentFolder.walkKey(x).compareTo(ContentFolder.walkKey(y)));

    assertThat(paths).containsExactly("a/b/c.md", "a/b-c.md", "a/b.md", "a-b.md", "a.md", "a0.md");
  }
}
