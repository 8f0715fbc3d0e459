package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.SearchHit;
import dev.broadsheet.fs.FileArticleStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Searches over the sample articles, each with the article a reader would want first: stemming,
 * phrases, exclusions, prefixes, typos and accents, in English, German, French and Spanish.
 */
class SampleQueriesTest {
  @TempDir static Path dir;
  private static ArticleRepository repo;

  @BeforeAll
  static void open() throws Exception {
    Path content = Samples.copy(dir.resolve("content"));
    repo = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).build())
        .search(LuceneSearch.builder().folder(dir.resolve("search")).build())
        .build();
  }

  @AfterAll
  static void close() {
    repo.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      anemone                        | 2025/10/divers-find-a-sea-anemone-new-to-science-off-millbrook
      anemones                       | 2025/10/divers-find-a-sea-anemone-new-to-science-off-millbrook
      shrimp                         | 2026/06/divers-find-a-shrimp-new-to-science-off-port-avalon
      comet Stonehaven               | 2026/01/stonehaven-observatory-tracks-a-faint-comet-on-its-way-past
      comet -Stonehaven              | 2026/09/ashcombe-hill-observatory-tracks-a-faint-comet-on-its-way
      '"faint comet" Ashcombe'       | 2026/09/ashcombe-hill-observatory-tracks-a-faint-comet-on-its-way
      marathon Ashcombe              | 2026/11/7-000-runners-expected-at-the-ashcombe-marathon-this-weekend
      Alder marath*                  | 2026/03/2-600-runners-expected-at-the-alder-falls-marathon-this
      brewing forecast               | 2025/10/saltmarsh-brewing-raises-its-forecast-after-a-strong-quarter
      forecast -brewing              | 2026/06/tidewater-energy-raises-its-forecast-after-a-strong-quarter
      anemnoe                        | 2025/10/divers-find-a-sea-anemone-new-to-science-off-millbrook
      obsrvatory Ashcombe            | 2026/09/ashcombe-hill-observatory-tracks-a-faint-comet-on-its-way
      Ledgerly outage                | 2026/10/card-payments-fail-for-hours-after-an-outage-at-ledgerly
      Coinwell                       | 2026/02/card-payments-fail-for-hours-after-an-outage-at-coinwell
      Helen Morrow                   | 2026/02/helen-morrow-wins-the-harbourside-by-election-by-13-votes
      by-election Raman              | 2026/09/priya-raman-wins-the-alder-falls-by-election-by-98-votes
      libraries Stonehaven           | 2026/08/stonehaven-libraries-to-close-on-mondays-as-the-budget
      Pellucid                       | 2026/07/copperline-cables-confirms-talks-to-buy-its-rival-pellucid
      Copperline -Pellucid           | 2026/01/copperline-cables-to-close-its-northwick-plant-cutting-850
      '"warehouse robots" Corvid'    | 2026/07/corvid-robotics-raises-37-million-to-take-its-warehouse
      Halyard                        | 2025/11/halyard-systems-raises-52-million-to-take-its-warehouse
      rents housing shortage         | 2026/05/rents-in-harbourside-rise-22-percent-in-a-year-as-the
      unemployment September         | 2026/10/unemployment-falls-again-to-5-4-percent-in-september
      '"Harbour Lights"'             | 2026/04/harbour-lights-folk-festival-loses-its-main-sponsor-and
      renovat* museum Harbourside    | 2026/09/harbourside-museum-of-art-to-close-for-two-years-of
      fibre broadband                | 2026/05/fibre-broadband-in-harbourside-reaches-the-halfway-mark
      Exporte Dezember               | 2026/01/exporte-steigen-im-dezember-leicht-an
      Ausfuhr August                 | 2026/09/exporte-steigen-im-august-leicht-an
      Lindenau Derby                 | 2026/05/sv-lindenau-gewinnt-das-derby-gegen-fc-kesselbruck
      Weidmann Pumpen                | 2026/07/weidmann-pumpen-eroffnet-neues-werk-in-altheide
      Kesselbruck Werk               | 2025/11/falkenhof-werke-eroffnet-neues-werk-in-kesselbruck
      Hochwasser Altheide            | 2026/03/nach-dem-hochwasser-uferweg-in-altheide-bleibt-gesperrt
      phoques                        | 2026/04/les-phoques-reviennent-dans-la-baie-de-port-sainte-aude
      phoque baie                    | 2026/04/les-phoques-reviennent-dans-la-baie-de-port-sainte-aude
      marché Montclair               | 2025/12/montclair-la-riviere-le-marche-du-samedi-s-installe-sur-le
      marche -Montclair              | 2026/08/saint-brevin-des-dunes-le-marche-du-samedi-s-installe-sur-le
      '"trente ans" Brévin'          | 2026/10/le-festival-de-jazz-de-saint-brevin-des-dunes-fete-ses
      Brevin jazz                    | 2026/10/le-festival-de-jazz-de-saint-brevin-des-dunes-fete-ses
      aceite oliva                   | 2026/05/la-sequia-dispara-el-precio-del-aceite-de-oliva-en-almenara
      sequia                         | 2026/05/la-sequia-dispara-el-precio-del-aceite-de-oliva-en-almenara
      autobuses Villarrosa           | 2026/11/villarrosa-prueba-autobuses-sin-conductor-en-el-centro
      autobús Almenara               | 2026/03/almenara-de-la-costa-prueba-autobuses-sin-conductor-en-el
      Montefrío asciende             | 2026/01/el-ud-montefrio-asciende-tras-vencer-4-0-al-racing-de-sierra
      """)
  void findsFirst(String text, String expected) {
    List<SearchHit> hits = repo.search(ArticleQuery.builder().text(text).limit(3).build()).items();
    assertThat(hits).as("hits for %s", text).isNotEmpty();
    assertThat(hits.get(0).article().id()).as("first hit for %s of %s", text,
        hits.stream().map(h -> h.article().id() + " " + h.score()).toList()).isEqualTo(expected);
  }
}
