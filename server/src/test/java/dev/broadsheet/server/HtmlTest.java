package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void thumbnailsAreHttpsOrRelativeOnly() {
    assertThat(thumb("https://img.example.com/a.jpg")).isEqualTo("https://img.example.com/a.jpg");
    assertThat(thumb("HTTPS://img.example.com/a.jpg")).isEqualTo("HTTPS://img.example.com/a.jpg");
    assertThat(thumb("/img/a.jpg")).isEqualTo("/img/a.jpg");
    assertThat(thumb("img/a.jpg")).isEqualTo("img/a.jpg");
    for (String bad : List.of("http://img.example.com/a.jpg", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
        "data:image/png;base64,AAAA", "//evil.example.com/a.jpg", " javascript:alert(1)", "java\tscript:x",
        "vbscript:x", "https://a b")) {
      assertThat(thumb(bad)).as(bad).isNull();
    }
  }

  private static String thumb(String url) {
    return Html.thumbnail(new dev.broadsheet.CoverImage(null, null, null, null, url, null));
  }

  @Test
  void pathsOfIdsKeepSlashesAndEscapeTheRest() {
    assertThat(Html.pathOf("2026/01/caf\u00e9 au lait")).isEqualTo("2026/01/caf%C3%A9%20au%20lait");
    assertThat(Html.pathOf("notes/page.html")).isEqualTo("notes/page.html");
  }
}
