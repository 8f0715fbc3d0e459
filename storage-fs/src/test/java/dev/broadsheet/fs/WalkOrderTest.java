package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.fs.ContentFolder.Walked;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * Two paths whose numbers from {@link ContentFolder#walkPrefix} differ, at the start or eight
   * characters in, are in walk order as the numbers are; one that is {@code WIDE} says nothing.
   */
  @Test
  void prefixNumbersSortAsTheWalkOrdersTheirPaths() {
    int decided = 0;
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
        for (int from : new int[] {0, 8}) {
          long a = ContentFolder.walkPrefix(x, from);
          long b = ContentFolder.walkPrefix(y, from);
          if (a != b && a != ContentFolder.WIDE && b != ContentFolder.WIDE
              && (from == 0 || (ContentFolder.walkPrefix(x, 0) == ContentFolder.walkPrefix(y, 0)
                  && ContentFolder.walkPrefix(x, 0) != ContentFolder.WIDE))) {
            decided++;
            assertThat(Integer.signum(Long.compareUnsigned(a, b))).as("%s against %s from %d, seed %d", x, y, from, seed)
                .isEqualTo(Integer.signum(ContentFolder.WALK_ORDER.compare(x, y)));
          }
        }
      }
    }
    assertThat(decided).as("pairs the numbers decide").isGreaterThan(1_000);
  }

  /** Name characters: ASCII around the ones that matter, Latin-1, wider, and a pair of surrogates. */
  private static final String[] NAME_CHARS = {"a", "b", "B", "0", "9", "-", "_", " ", ".", "~", "\u00e9", "\u00ff",
      "\u0100", "\u6771", "\uD83D\uDE00"};

  /**
   * A walk lists each folder and sorts its entries by name (most by a number made of their
   * first eight characters, the rest by the whole name): over files whose names share long
   * prefixes, are prefixes of each other, or hold characters beyond Latin-1 early or late, the
   * walk's order is still {@link ContentFolder#WALK_ORDER}.
   */
  @Test
  void theWalkFindsFilesInWalkOrder(@TempDir Path root) throws IOException {
    long seed = Long.getLong("broadsheet.seed", 20261205L);
    Random random = new Random(seed);
    Set<String> rels = new LinkedHashSet<>();
    List<String> stems = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String stem = i > 0 && random.nextInt(3) > 0 ? stems.get(random.nextInt(stems.size())) : "";
      StringBuilder b = new StringBuilder(stem);
      for (int k = random.nextInt(10); k >= 0; k--) {
        b.append(NAME_CHARS[random.nextInt(NAME_CHARS.length)]);
      }
      String name = b.toString();
      if (name.startsWith(".")) {
        continue; // hidden
      }
      stems.add(name);
      String folder = random.nextBoolean() ? "" : "f" + NAME_CHARS[random.nextInt(NAME_CHARS.length)] + "/";
      rels.add(folder + name + ".md");
    }
    for (String rel : rels) {
      Path file = root.resolve(rel);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "x");
    }
    ContentFolder folder = FileArticleStore.builder(root).watching(Watching.OFF).build().folder();

    List<String> walked = folder.scan(null, null).stream().map(Walked::rel).toList();

    List<String> expected = new ArrayList<>(rels);
    expected.sort(ContentFolder.WALK_ORDER);
    assertThat(walked).as("seed %d", seed).containsExactlyElementsOf(expected);
  }

  @Test
  void aFolderSortsBeforeNamesThatExtendItsName() {
    List<String> paths = new ArrayList<>(List.of("a.md", "a/b.md", "a-b.md", "a0.md", "a/b/c.md", "a/b-c.md"));
    paths.sort(ContentFolder.WALK_ORDER);

    assertThat(paths).containsExactly("a/b/c.md", "a/b-c.md", "a/b.md", "a-b.md", "a.md", "a0.md");
  }
}
