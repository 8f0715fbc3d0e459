package dev.broadsheet.fs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Revision;
import dev.broadsheet.spi.LoggedChange;
import dev.broadsheet.spi.LoggedChange.Timing;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {
  @TempDir Path dir;

  private static LoggedChange change(long seq, Random r) {
    Instant at = Instant.ofEpochSecond(1_780_000_000L + seq, r.nextInt(1_000_000_000));
    if (r.nextInt(5) == 0) {
      return new LoggedChange(seq, "news/d" + seq, LoggedChange.Kind.DELETE, null, at,
          r.nextBoolean() ? null : new Timing(false, at.minusSeconds(60), null), null);
    }
    Timing after = new Timing(r.nextBoolean(), r.nextBoolean() ? null : at.plusSeconds(r.nextInt(1000) - 500),
        r.nextBoolean() ? null : at.plusSeconds(r.nextInt(100_000)));
    return new LoggedChange(seq, "news/ärticle-" + seq, LoggedChange.Kind.UPSERT, Revision.of("r" + seq), at,
        r.nextBoolean() ? null : new Timing(true, null, null), after);
  }

  private static List<LoggedChange> changes(int n, long seed) {
    Random r = new Random(seed);
    List<LoggedChange> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(change(i, r));
    }
    return out;
  }

  @Test
  void everyAppendedChangeComesBackAfterAReopen() throws IOException {
    Path file = dir.resolve("changes.journal");
    List<LoggedChange> written = changes(200, 1);
    String id;
    try (JournalFile j = JournalFile.open(file)) {
      id = j.id();
      assertThat(j.replaced()).isNull();
      for (LoggedChange c : written) {
        j.append(c, false);
      }
      assertThat(j.head()).isEqualTo(200);
    }
    try (JournalFile j = JournalFile.open(file)) {
      assertThat(j.id()).isEqualTo(id);
      assertThat(j.entries()).isEqualTo(written);
    }
  }

  @Test
  void aRecordCutShortIsNotReadAndIsCutOffBeforeTheNextAppend() throws IOException {
    Path file = dir.resolve("changes.journal");
    List<LoggedChange> written = changes(20, 2);
    try (JournalFile j = JournalFile.open(file)) {
      for (LoggedChange c : written) {
        j.append(c, true);
      }
    }
    long whole = Files.size(file);
    // A writer killed in the middle of its next append: half a record at the end.
    byte[] next = JournalFile.encode(change(21, new Random(3)));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.allocate(8 + next.length / 2).putInt(next.length).putInt(7)
          .put(next, 0, next.length / 2).flip());
    }
    try (JournalFile j = JournalFile.open(file)) {
      assertThat(j.entries()).isEqualTo(written);
      j.cutDamagedTail();
      assertThat(Files.size(file)).isEqualTo(whole);
      LoggedChange c21 = change(21, new Random(4));
      j.append(c21, true);
      assertThat(j.entries()).endsWith(c21);
    }
    try (JournalFile j = JournalFile.open(file)) {
      assertThat(j.entries()).hasSize(21);
    }
  }

  @Test
  void aFlippedBitEndsTheReadingAtTheRecordBeforeIt() throws IOException {
    Path file = dir.resolve("changes.journal");
    try (JournalFile j = JournalFile.open(file)) {
      for (LoggedChange c : changes(10, 5)) {
        j.append(c, false);
      }
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x10;
    Files.write(file, bytes);
    try (JournalFile j = JournalFile.open(file)) {
      assertThat(j.entries()).hasSize(9);
    }
  }

  @Test
  void aDamagedHeaderStartsANewJournalWithAnotherId() throws IOException {
    Path file = dir.resolve("changes.journal");
    String id;
    try (JournalFile j = JournalFile.open(file)) {
      id = j.id();
      j.append(changes(1, 6).get(0), true);
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[3] = 'X';
    Files.write(file, bytes);
    try (JournalFile j = JournalFile.open(file)) {
      assertThat(j.replaced()).contains("damaged");
      assertThat(j.id()).isNotEqualTo(id);
      assertThat(j.entries()).isEmpty();
    }
  }

  @Test
  void anotherProcessSeesAppendsAndFollowsACompaction() throws IOException {
    Path file = dir.resolve("changes.journal");
    List<LoggedChange> written = changes(100, 7);
    try (JournalFile writer = JournalFile.open(file); JournalFile reader = JournalFile.open(file)) {
      for (LoggedChange c : written.subList(0, 60)) {
        writer.append(c, false);
      }
      reader.refresh();
      assertThat(reader.entries()).isEqualTo(written.subList(0, 60));
      writer.compact(10);
      assertThat(writer.entries()).isEqualTo(written.subList(50, 60));
      reader.refresh();
      assertThat(reader.entries()).isEqualTo(written.subList(50, 60));
      assertThat(reader.id()).isEqualTo(writer.id());
      reader.cutDamagedTail();
      for (LoggedChange c : written.subList(60, 100)) {
        reader.append(c, false);
      }
      writer.refresh();
      assertThat(writer.entries()).isEqualTo(written.subList(50, 100));
    }
  }

  @Test
  void anAppendOutOfTurnIsRefused() throws IOException {
    try (JournalFile j = JournalFile.open(dir.resolve("changes.journal"))) {
      List<LoggedChange> c = changes(3, 8);
      j.append(c.get(0), false);
      assertThatThrownBy(() -> j.append(c.get(2), false)).hasMessage("change 3 does not follow 1");
    }
  }
}
