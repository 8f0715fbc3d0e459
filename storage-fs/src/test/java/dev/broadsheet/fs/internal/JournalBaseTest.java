package dev.broadsheet.fs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Revision;
import dev.broadsheet.fs.internal.JournalBase.Base;
import dev.broadsheet.fs.internal.JournalBase.Last;
import dev.broadsheet.spi.LoggedChange.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalBaseTest {
  @TempDir Path dir;

  @Test
  void aBaseComesBackAsWrittenAndADamagedOneAsNone() throws IOException {
    Map<String, Last> articles = new HashMap<>();
    articles.put("news/ärticle", new Last(Revision.of("r1"), new Timing(true, null, null)));
    articles.put("news/b", new Last(Revision.of("r2"),
        new Timing(false, Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2027-01-01T00:00:00.000000001Z"))));
    Base base = new Base("00112233445566778899aabbccddeeff", 42, articles);
    Path file = dir.resolve("changes.base");
    JournalBase.write(file, base);
    assertThat(JournalBase.read(file)).isEqualTo(base);

    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < bytes.length; i += 7) {
      byte[] damaged = bytes.clone();
      damaged[i] ^= 0x04;
      Files.write(file, damaged);
      assertThat(JournalBase.read(file)).as("a flipped bit at %d", i).isNull();
    }
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertThat(JournalBase.read(file)).isNull();
    assertThat(JournalBase.read(dir.resolve("missing"))).isNull();
  }
}
