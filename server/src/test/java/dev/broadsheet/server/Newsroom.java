package dev.broadsheet.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A small content folder in the frontmatter format, seen at {@link #NOW}: five published
 * articles in four categories and three languages, a draft, one scheduled for April and one
 * that expired in February.
 */
final class Newsroom {
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  /** The ids the public sees at {@link #NOW}, newest first. */
  static final String[] PUBLIC_NEWEST_FIRST = {
    "2026/02/gallery-night", "2026/02/stadion", "2026/02/chip-plant", "2026/01/rate-pause", "2026/01/harbour-pier"
  };
  static final String DRAFT = "drafts/budget-plan";
  static final String SCHEDULED = "2026/04/tram-launch";
  static final String EXPIRED = "2026/01/winter-offer";

  private Newsroom() {}

  static void write(Path root) throws IOException {
    write(root, "2026/01/harbour-pier.md", """
        ---
        title: Harbour pier reopens after two years of repairs
        description: Walkers and anglers get the old pier back on Saturday.
        publishedAt: '2026-01-12T07:30:00.000Z'
        updatedAt: '2026-01-12T09:15:00.000Z'
        lang: en
        externalId: 'hg-1001'
        source:
          name: Harbour Gazette
          key: gazette
          type: RSS
        category: LOCAL
        tags:
          - CITY
          - TRANSPORT
        stickyWeight: 2
        sentiment: POSITIVE
        score: 0.5
        draft: false
        coverImage:
          small: 'https://images.example.com/pier.jpg?w=400'
          thumb: 'https://images.example.com/pier.jpg?w=200'
        ---
        ## Overview

        The pier is open again from Saturday morning, with new railings and lights.

        ## What Happened

        Storm damage closed it two winters ago.
        """);
    write(root, "2026/01/rate-pause.md", """
        ---
        title: Central bank leaves its main rate alone
        description: No change this month, as most economists expected.
        publishedAt: '2026-01-20T13:00:00.000Z'
        lang: en
        source:
          name: The Ledger
          key: ledger
          type: API
        category: BUSINESS
        tags:
          - ECONOMY
          - RATES
        stickyWeight: 0
        sentiment: NEUTRAL
        score: 0
        draft: false
        ---
        ## Overview

        The rate stays where it was for a third month.
        """);
    write(root, "2026/02/chip-plant.md", """
        ---
        title: Chip plant opening slips to next year
        description: Equipment deliveries are running late.
        publishedAt: '2026-02-03T08:00:00.000Z'
        lang: en
        source:
          name: The Ledger
          key: ledger
          type: API
        category: BUSINESS
        tags:
          - TECH
          - ECONOMY
        stickyWeight: 1
        sentiment: NEGATIVE
        score: 0
        draft: false
        coverImage:
          thumb: 'javascript:alert(1)'
        ---
        ## Overview

        The plant will open a year later than planned.
        """);
    write(root, "2026/02/stadion.md", """
        ---
        title: Mitglieder stimmen für den Ausbau des Stadions
        description: Der Verein baut die Nordtribüne aus.
        publishedAt: '2026-02-14T18:00:00.000Z'
        lang: de
        source:
          name: Der Bote
          key: bote
          type: RSS
        category: SPORTS
        tags:
          - FOOTBALL
          - CITY
        stickyWeight: 0
        sentiment: POSITIVE
        score: 0
        draft: false
        ---
        ## Überblick

        Die Mitglieder haben mit großer Mehrheit zugestimmt.
        """);
    write(root, "2026/02/gallery-night.md", """
        ---
        title: 'Gallery night <script>alert("x")</script> & "friends"'
        description: 'A night of <b>art</b> & music'
        publishedAt: '2026-02-20T19:00:00.000Z'
        lang: fr
        source:
          name: 'Culture <Weekly>'
          key: weekly
          type: RSS
        category: CULTURE
        tags:
          - '<i>ART</i>'
          - CITY
        stickyWeight: 0
        sentiment: POSITIVE
        score: 0
        draft: false
        coverImage:
          thumb: '/images/gallery.jpg?a=1&b="2"'
        ---
        ## Programme

        Doors open at seven. <script>alert("body")</script>

        [Tickets](javascript:alert(1)) and [the map](https://example.com/map?a=1&b=2).
        """);
    write(root, "drafts/budget-plan.md", """
        ---
        title: Secret budget plan for the harbour
        description: Not ready for readers.
        publishedAt: '2026-02-25T10:00:00.000Z'
        lang: en
        category: BUSINESS
        tags:
          - ECONOMY
          - HIDDENTAG
        stickyWeight: 9
        sentiment: NEUTRAL
        score: 0
        draft: true
        ---
        ## Draft

        Figures to follow.
        """);
    write(root, "2026/04/tram-launch.md", """
        ---
        title: Scheduled tram launch announcement
        description: Goes out in April.
        publishedAt: '2026-04-01T06:00:00.000Z'
        lang: en
        category: TECHNOLOGY
        tags:
          - TECH
          - SCHEDULEDTAG
        stickyWeight: 0
        sentiment: POSITIVE
        score: 0
        draft: false
        ---
        ## Overview

        The new line opens in April.
        """);
    write(root, "2026/01/winter-offer.md", """
        ---
        title: Expired winter museum offer
        description: Half-price tickets in January only.
        publishedAt: '2026-01-05T10:00:00.000Z'
        expiresAt: '2026-02-01T00:00:00.000Z'
        lang: en
        category: LOCAL
        tags:
          - CITY
          - EXPIREDTAG
        stickyWeight: 0
        sentiment: POSITIVE
        score: 0
        draft: false
        ---
        ## Overview

        Half-price tickets all month.
        """);
  }

  static Path write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
