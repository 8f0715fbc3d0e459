package dev.broadsheet.markdown.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MojibakeTest {
  /** Correct text in many languages and scripts, with the punctuation that sits next to letters. */
  static List<String> cleanText() {
    return List.of(
        "Die F\u00e4hre \u00fcber den Flu\u00df f\u00e4hrt wieder: \u201eEndlich!\u201c, sagten die Pendler. "
            + "\u201eWir gehen zu Fu\u00df\u201c, sagte sie. \u00d6l, \u00c4pfel, \u00dcbung, Gr\u00fc\u00dfe.",
        "L\u2019\u00e9t\u00e9 dernier, le caf\u00e9 \u00ab Chez H\u00e9l\u00e8ne \u00bb a ferm\u00e9\u2026 O\u00f9 est la "
            + "biblioth\u00e8que\u00a0? \u00c0 bient\u00f4t, gar\u00e7on\u00a0! No\u00ebl, na\u00efve, \u0153uvre, \u00c7a va. "
            + "LE CAF\u00c9\u2026 LE CAF\u00c9\u00bb \u00ab\u00e9t\u00e9\u2026\u00bb",
        "\u00bfD\u00f3nde est\u00e1 el ni\u00f1o? \u00a1Qu\u00e9 a\u00f1o! La se\u00f1ora lleg\u00f3 tarde. \u00a1LLEG\u00d3\u2026!",
        "A irm\u00e3 n\u00e3o est\u00e1 em S\u00e3o Paulo. \u201cA IRM\u00c3\u201d, disse ele. A\u00e7\u00e3o, cora\u00e7\u00e3o.",
        "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. M\u00f3wi\u0105, \u017ce s\u0105\u2026",
        "P\u0159\u00edli\u0161 \u017elu\u0165ou\u010dk\u00fd k\u016f\u0148 \u00fap\u011bl \u010f\u00e1belsk\u00e9 \u00f3dy.",
        "H\u00e4r \u00e4r en sj\u00f6. Bl\u00e5b\u00e6r og r\u00f8dgr\u00f8d. P\u00c5\u2026 S\u00c5\u201d \u00de\u00f3r\u00f0ur f\u00f3r \u00ed ba\u00f0.",
        "\u015eof\u00f6r \u0131l\u0131k suyu i\u00e7ti; \u0130stanbul\u2019da hava g\u00fczel.",
        "\u0421\u044a\u0435\u0448\u044c \u0436\u0435 \u0435\u0449\u0451 \u044d\u0442\u0438\u0445 \u043c\u044f\u0433\u043a\u0438\u0445 "
            + "\u0444\u0440\u0430\u043d\u0446\u0443\u0437\u0441\u043a\u0438\u0445 \u0431\u0443\u043b\u043e\u043a. "
            + "\u0490\u0430\u0432\u0430, \u0457\u0436\u0430\u043a.",
        "\u0397 \u03b3\u03c1\u03ae\u03b3\u03bf\u03c1\u03b7 \u03b1\u03bb\u03b5\u03c0\u03bf\u03cd. "
            + "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd. \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645.",
        "\u4eca\u5929\u5929\u6c14\u5f88\u597d\uff0c\u6211\u4eec\u53bb\u516c\u56ed\u6563\u6b65\u5427\u3002"
            + "\u6771\u4eac\u306e\u5929\u6c17\u306f\u6674\u308c\u3067\u3059\u3002\uc548\ub155\ud558\uc138\uc694!",
        "Launch day \ud83d\ude80\ud83c\udf89 \u2014 thanks, everyone \ud83d\udc4d\ud83c\udffd \u2764\ufe0f",
        "It\u2019s \u201cquoted\u201d \u2013 and\u2026 \u2018single\u2019 \u2022 bullet\u2122 \u00a9 \u00ae 5\u00a0\u00b0C "
            + "\u00b10.5 \u00bd \u20ac5 \u00a33 \u00a57, 3\u00d7\u00b2 and 2\u00d73 \u00f7 4",
        "Ti\u1ebfng Vi\u1ec7t: \u0111\u01b0\u1eddng, ph\u1edf, ng\u01b0\u1eddi. \u0218tiin\u021b\u0103 \u0219i \u021bar\u0103.");
  }

  @ParameterizedTest
  @MethodSource("cleanText")
  void correctTextIsNotMojibake(String text) {
    assertThat(Mojibake.find(text, 0, text.length())).isNull();
  }

  @ParameterizedTest
  @MethodSource("cleanText")
  void theSameTextReadAsWindows1252OrLatin1IsMojibakeOfIt(String text) {
    for (Charset wrong : List.of(Charset.forName("windows-1252"), StandardCharsets.ISO_8859_1)) {
      String garbled = new String(text.getBytes(StandardCharsets.UTF_8), wrong);

      Mojibake.Match m = Mojibake.find(garbled, 0, garbled.length());

      assertThat(m).as("read as %s: %s", wrong, garbled).isNotNull();
      assertThat(text).contains(m.repaired());
      assertThat(garbled.substring(m.start(), m.end())).isEqualTo(m.garbled());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      forward\u00e2\u20ac\u00a6             | 7  | \u2026
      caf\u00c3\u00a9 au lait                | 3  | \u00e9
      s\u00c4\u2026 tu                       | 1  | \u0105
      \u00e6\u2014\u00a5\u00e6\u0153\u00ac   | 0  | \u65e5\u672c
      \u00d0\u00bf\u00d1\u20ac\u00d0\u00b8   | 0  | \u043f\u0440\u0438
      smile \u00f0\u0178\u02dc\u20ac         | 6  | \ud83d\ude00
      \u00d7\u00a9\u00d7\u0153\u00d7\u2022   | 0  | \u05e9\u05dc\u05d5
      """)
  void findsTheFirstGarbledRunAndWhatItStandsFor(String text, int start, String repaired) {
    Mojibake.Match m = Mojibake.find(text, 0, text.length());

    assertThat(m).isNotNull();
    assertThat(m.start()).isEqualTo(start);
    assertThat(m.repaired()).isEqualTo(repaired);
  }
}
