package dev.broadsheet.examples;

import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.examples.Desks.Desk;
import dev.broadsheet.examples.Desks.Outlet;
import dev.broadsheet.examples.Desks.Section;
import dev.broadsheet.markdown.ArticleCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes the sample articles under {@code examples/content}: sixty news stories from invented
 * towns, companies and clubs, assembled from the templates and word lists in {@link Desks}, and
 * two stories in several languages linked by their {@code translationKey} (six articles).
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     dev.broadsheet.examples.SampleContent examples/content
 * }</pre>
 *
 * <p>The output depends on nothing but this code: the same articles, byte for byte, on every
 * machine (a seeded {@link Random}, no clock, no locale). The folder in the repository must be
 * exactly what this class writes; a test regenerates it and compares every file, so change
 * the generator and run it rather than editing the files.
 *
 * <p>The content was written on {@link #WRITTEN_AT} (26 November 2026) and covers the thirteen
 * months before it. Relative to that day it holds five sticky articles, three drafts, one
 * article scheduled for {@link #SCHEDULED_AT} (1 June 2027, sticky, so it will jump to the top
 * of the feed once published) and a roadworks notice whose {@code expiresAt} has passed.
 */
public final class SampleContent {
  /** The day the sample content describes as "now"; every other date is fixed relative to it. */
  public static final Instant WRITTEN_AT = Instant.parse("2026-11-26T00:00:00Z");

  /** When the one scheduled article is published; until then queries leave it out. */
  public static final Instant SCHEDULED_AT = Instant.parse("2027-06-01T06:00:00Z");

  /** How many articles are written: the generated stories and the translations. */
  public static final int COUNT = 66;

  /** How many stories are assembled from the desks; the translation groups follow them. */
  private static final int GENERATED = 60;

  private static final long SEED = 20_261_126L;
  private static final LocalDate FIRST_WEEK = LocalDate.of(2025, 10, 6);

  /** Article number to sticky weight: pinned stories, the most recent pinned highest. */
  private static final Map<Integer, Integer> STICKY = Map.of(33, 4, 41, 1, 49, 2, 54, 3, 57, 5, 59, 6);
  /** Drafts with a publishedAt (an embargoed story) and without one (still being written). */
  private static final Set<Integer> DRAFTS_DATED = Set.of(25);
  private static final Set<Integer> DRAFTS_UNDATED = Set.of(46, 58);
  private static final int SCHEDULED = 59;
  /** A draft nobody has classified yet: no sentiment. */
  private static final int UNCLASSIFIED = 58;

  private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z0-9]+)}");

  private SampleContent() {}

  /** Writes the sample articles into the folder given (default {@code examples/content}). */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "examples/content");
    write(folder);
    System.out.println("wrote " + COUNT + " articles to " + folder);
  }

  /**
   * Replaces the articles in {@code folder} with the sample articles, each in the canonical
   * form of {@link ArticleCodec#write}, at {@code <id>.md}. Files an earlier run wrote are
   * removed first, so an article dropped from the generator disappears.
   *
   * @throws IllegalStateException when the folder holds anything but Markdown files and folders
   *     (hidden entries aside), so that pointing this at the wrong folder deletes nothing
   */
  public static void write(Path folder) throws IOException {
    Files.createDirectories(folder);
    clean(folder);
    ArticleCodec codec = ArticleCodec.builder().build();
    for (Article article : articles()) {
      Path file = folder.resolve(article.id() + ".md");
      Files.createDirectories(file.getParent());
      Files.write(file, codec.write(article));
    }
  }

  /** The sample articles, in order of their planned dates. */
  public static List<Article> articles() {
    List<Article> out = new ArrayList<>(COUNT);
    Set<String> titles = new HashSet<>();
    for (int i = 0; i < GENERATED; i++) {
      out.add(article(i, titles));
    }
    out.addAll(translations());
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ translation groups

  /**
   * Two stories told in several languages, each version an article of its own with the
   * story's {@code translationKey}: a bridge reopening in English, German, French and Spanish,
   * and a night train in English and German.
   */
  private static List<Article> translations() {
    Instant bridge = Instant.parse("2026-06-15T09:00:00Z");
    Instant train = Instant.parse("2026-07-20T10:30:00Z");
    return List.of(
        version("harbour-bridge-reopens", "en", bridge, "LOCAL", "Harbour Bridge Reopens to Cyclists and Walkers",
            "After eight months of repairs the old bridge carries people again; cars stay off it until autumn.",
            "Overview", "The harbour bridge opened again on Monday morning for people on foot and on bikes.",
            "The Works", "Crews replaced the deck planks and painted the steel arches in their old green.",
            "What Comes Next", "Cars and buses return in October, once the new lights are tested."),
        version("harbour-bridge-reopens", "de", bridge.plusSeconds(1800), "LOCAL",
            "Hafenbrücke wieder offen für Radfahrer und Fußgänger",
            "Nach acht Monaten Bauzeit ist die alte Brücke wieder begehbar; Autos bleiben bis zum Herbst draußen.",
            "Überblick", "Die Hafenbrücke ist seit Montagmorgen wieder für Fußgänger und Radfahrer geöffnet.",
            "Die Arbeiten", "Die Bohlen wurden erneuert und die Stahlbögen wieder in ihrem alten Grün gestrichen.",
            "Wie es weitergeht", "Autos und Busse dürfen im Oktober zurück, sobald die neue Ampel geprüft ist."),
        version("harbour-bridge-reopens", "fr", bridge.plusSeconds(3600), "LOCAL",
            "Le pont du port rouvre aux cyclistes et aux piétons",
            "Après huit mois de travaux, le vieux pont accueille de nouveau le public ; les voitures attendront l'automne.",
            "En bref", "Le pont du port a rouvert lundi matin aux piétons et aux vélos.",
            "Les travaux", "Les planches du tablier ont été changées et les arches repeintes dans leur vert d'origine.",
            "La suite", "Voitures et bus reviendront en octobre, une fois les nouveaux feux testés."),
        version("harbour-bridge-reopens", "es", bridge.plusSeconds(5400), "LOCAL",
            "El puente del puerto reabre para ciclistas y peatones",
            "Tras ocho meses de obras, el viejo puente vuelve a abrirse al público; los coches esperarán al otoño.",
            "Resumen", "El puente del puerto reabrió el lunes por la mañana para peatones y bicicletas.",
            "Las obras", "Se cambiaron las tablas del tablero y los arcos de acero se pintaron de su verde original.",
            "Lo que viene", "Coches y autobuses volverán en octubre, cuando se prueben los nuevos semáforos."),
        version("night-train-to-the-coast", "en", train, "ECONOMY", "Night Train to the Coast Returns for the Summer",
            "A sleeper service links the capital with the seaside towns three nights a week until September.",
            "Overview", "The night train leaves the central station at ten and reaches the coast at dawn.",
            "Tickets", "A berth costs less than a hotel room, and bicycles travel free in the luggage van.",
            "Why Now", "The rail company says the summer trains sold out in two weeks last year."),
        version("night-train-to-the-coast", "de", train.plusSeconds(2700), "ECONOMY",
            "Nachtzug an die Küste fährt wieder im Sommer",
            "Bis September verbindet ein Schlafwagenzug dreimal pro Woche die Hauptstadt mit den Badeorten.",
            "Überblick", "Der Nachtzug verlässt den Hauptbahnhof um zehn Uhr und erreicht die Küste im Morgengrauen.",
            "Fahrkarten", "Ein Liegeplatz kostet weniger als ein Hotelzimmer, Fahrräder reisen gratis mit.",
            "Warum jetzt", "Die Bahn sagt, die Sommerzüge seien im vergangenen Jahr in zwei Wochen ausverkauft gewesen."));
  }

  /** One language version of a story: three sections of one paragraph each. */
  private static Article version(String key, String lang, Instant publishedAt, String category, String title,
      String description, String... sections) {
    StringBuilder body = new StringBuilder();
    for (int s = 0; s < sections.length; s += 2) {
      body.append(s == 0 ? "" : "\n").append("## ").append(sections[s]).append("\n\n").append(sections[s + 1])
          .append("\n");
    }
    LocalDate day = publishedAt.atZone(ZoneOffset.UTC).toLocalDate();
    return Article.builder(String.format(Locale.ROOT, "%04d/%02d/%s", day.getYear(), day.getMonthValue(), slug(title)))
        .title(title)
        .description(description)
        .publishedAt(publishedAt)
        .lang(lang)
        .translationKey(key)
        .category(category)
        .tags(category.equals("LOCAL") ? List.of("TRANSPORT", "HARBOUR") : List.of("TRANSPORT", "TRAVEL"))
        .sentiment(Sentiment.POSITIVE)
        .body(body.toString())
        .build();
  }

  // ------------------------------------------------------------------ one article

  private static Article article(int i, Set<String> titles) {
    Desk desk = Desks.ROTATION.get(i % Desks.ROTATION.size());
    Random random = new Random(SEED ^ (i * 0x9E3779B97F4A7C15L));
    // One article a week, on any day of it, between six in the morning and nine at night.
    LocalDate day = FIRST_WEEK.plusDays(7L * i + random.nextInt(7));
    Instant planned = day.atTime(6 + random.nextInt(15), 5 * random.nextInt(12)).toInstant(ZoneOffset.UTC);
    boolean draft = DRAFTS_DATED.contains(i) || DRAFTS_UNDATED.contains(i);
    Instant publishedAt = i == SCHEDULED ? SCHEDULED_AT : DRAFTS_UNDATED.contains(i) ? null : planned;
    LocalDate dateline = (publishedAt == null ? planned : publishedAt).atZone(ZoneOffset.UTC).toLocalDate();

    // Fill the desk's placeholders. A desk used twice must not tell the same story twice: draw
    // again while an earlier title differs from this one in numbers only (the same plant closing
    // twice), and, for titles made of numbers alone, at least while it is the same title.
    Map<String, String> slots;
    String title;
    int draws = 0;
    while (true) {
      slots = slots(desk.lang(), dateline, random);
      title = fill(desk.title(), slots);
      String story = slug(title).replaceAll("[0-9]+", "#");
      if (!titles.contains(story) || (++draws > 20 && !titles.contains(slug(title)))) {
        titles.add(story);
        titles.add(slug(title));
        break;
      }
    }
    String id = String.format(Locale.ROOT, "%04d/%02d/%s", dateline.getYear(), dateline.getMonthValue(), slug(title));

    Article.Builder b = Article.builder(id)
        .title(title)
        .description(fill(desk.description(), slots))
        .publishedAt(publishedAt)
        .lang(desk.lang())
        .category(desk.category())
        .tags(tags(desk, random))
        .stickyWeight(STICKY.getOrDefault(i, 0))
        .draft(draft)
        .body(body(desk, slots, random));

    Sentiment sentiment = i == UNCLASSIFIED ? null : desk.sentiment();
    b.sentiment(sentiment).score(score(sentiment, random));

    Outlet outlet = Desks.OUTLETS.get(desk.sources().get(random.nextInt(desk.sources().size())));
    boolean inHouse = publishedAt == null; // drafts still being written have no feed behind them
    if (!inHouse) {
      b.source(Source.of(outlet.name(), outlet.key(), outlet.type()));
      if (random.nextInt(10) < 6) {
        b.externalId(Integer.toString(57_580_000 + 97 * i + random.nextInt(90)));
      }
    }
    Instant updatedAt = null;
    if (publishedAt != null && i != SCHEDULED && random.nextBoolean()) {
      updatedAt = publishedAt.plus(Duration.ofMinutes(15 + random.nextInt(285)));
      b.updatedAt(updatedAt);
    }
    if (random.nextBoolean()) {
      b.coverImage(cover(slug(title), random.nextInt(3)));
    }
    if (publishedAt != null && random.nextInt(10) < 3) {
      Instant expandedAt = updatedAt != null ? updatedAt : publishedAt.plus(Duration.ofMinutes(30));
      b.ai(new AiInfo(random.nextBoolean(), expandedAt, 1 + random.nextInt(2)));
    }
    if (desk == Desks.ROADWORKS && publishedAt != null) {
      // A notice lasts as long as the closure it announces, and a day more.
      Instant end = publishedAt.plus(Duration.ofDays(7L * Integer.parseInt(slots.get("n1digits")) + 1));
      if (end.isBefore(WRITTEN_AT)) {
        b.expiresAt(end.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant());
      }
    }
    return b.build();
  }

  /** The desk's tags, and now and then one of its rare ones, so a few tags carry most articles. */
  private static List<String> tags(Desk desk, Random random) {
    List<String> tags = new ArrayList<>(desk.tags());
    String rare = desk.rareTags().get(random.nextInt(desk.rareTags().size()));
    if (random.nextInt(5) < 2 && !tags.contains(rare)) {
      tags.add(rare);
    }
    return tags;
  }

  /** The desk's sections, then extra ones from its pool, three to five in all. */
  private static String body(Desk desk, Map<String, String> slots, Random random) {
    List<Section> sections = new ArrayList<>(desk.sections());
    List<Section> pool = new ArrayList<>(Desks.EXTRA.get(desk.pool()));
    pool.removeIf(extra -> desk.sections().stream().anyMatch(s -> s.heading().equals(extra.heading())));
    Collections.shuffle(pool, random);
    int wanted = 3 + random.nextInt(3);
    if (!desk.lang().equals("en")) {
      wanted = 3; // the few extra sections in other languages fit any story, but only one at a time
    }
    for (int k = 0; sections.size() < wanted && k < pool.size(); k++) {
      sections.add(pool.get(k));
    }
    StringBuilder body = new StringBuilder();
    for (Section s : sections) {
      if (body.length() > 0) {
        body.append('\n');
      }
      body.append("## ").append(s.heading()).append("\n\n").append(fill(s.text(), slots)).append('\n');
    }
    return body.toString();
  }

  private static double score(@Nullable Sentiment sentiment, Random random) {
    if (sentiment == null) {
      return 0;
    }
    int hundredths = switch (sentiment) {
      case POSITIVE -> 20 + random.nextInt(71);
      case NEUTRAL -> -15 + random.nextInt(31);
      case NEGATIVE -> -20 - random.nextInt(71);
    };
    return hundredths / 100.0;
  }

  private static CoverImage cover(String slug, int renditions) {
    String base = "https://images.example.com/" + slug + "/";
    return switch (renditions) {
      case 0 -> new CoverImage(base + "raw.jpg", base + "full.jpg?q=85", base + "regular.jpg?w=1080",
          base + "small.jpg?w=400", base + "thumb.jpg?w=200", "https://cdn.example.com/small/" + slug + ".jpg");
      case 1 -> new CoverImage(null, null, base + "regular.jpg?w=1080", null, base + "thumb.jpg?w=200", null);
      default -> new CoverImage(null, base + "full.jpg?q=85", base + "regular.jpg?w=1080",
          base + "small.jpg?w=400", base + "thumb.jpg?w=200", null);
    };
  }

  // ------------------------------------------------------------------ placeholders

  /**
   * A value for every placeholder the desks use. Every article draws all of them, in the same
   * order, so a change to one template never shifts the values of another article.
   */
  private static Map<String, String> slots(String lang, LocalDate day, Random r) {
    Map<String, String> m = new HashMap<>();
    List<String> places = shuffled(Desks.PLACES.get(lang), r);
    m.put("place", places.get(0));
    m.put("place2", places.get(1));
    for (int k = 1; k <= 4; k++) {
      m.put("region" + k, places.get(k - 1));
    }
    List<String> people = shuffled(Desks.PEOPLE.get(lang), r);
    m.put("person", people.get(0));
    m.put("person2", people.get(1));
    m.put("person3", people.get(2));
    m.put("person4", people.get(3));
    List<String> companies = shuffled(Desks.COMPANIES.get(lang), r);
    m.put("company", companies.get(0));
    m.put("company2", companies.get(1));
    List<String> clubs = shuffled(Desks.CLUBS.get(lang), r);
    m.put("club", clubs.get(0));
    m.put("rival", clubs.get(1));
    m.put("third", clubs.get(2));
    List<String> hoops = shuffled(Desks.BASKETBALL_TEAMS, r);
    m.put("hoops", hoops.get(0));
    m.put("hoopsrival", hoops.get(1));
    m.put("techco", pick(Desks.TECH_COMPANIES, r));
    m.put("payco", pick(Desks.PAYMENT_COMPANIES, r));
    m.put("venue", pick(Desks.THEATRES, r));
    m.put("museum", pick(Desks.MUSEUMS, r));
    m.put("festival", pick(Desks.FESTIVALS, r));
    m.put("institute", pick(Desks.INSTITUTES, r));
    m.put("institutfr", pick(Desks.INSTITUTES_FR, r));
    m.put("observatory", pick(Desks.OBSERVATORIES, r));
    String creature = pick(Desks.CREATURES, r);
    m.put("creature", creature);
    m.put("creaturelc", creature.toLowerCase(Locale.ROOT));
    m.put("fraction", pick(Desks.FRACTIONS, r));
    m.put("fewword", pick(Desks.FEW, r));

    List<String> months = Desks.MONTHS.get(lang);
    m.put("weekday", Desks.WEEKDAYS.get(lang).get(day.getDayOfWeek().getValue() - 1));
    m.put("month", months.get(day.getMonthValue() - 1));
    m.put("prevmonth", months.get(day.minusMonths(1).getMonthValue() - 1));
    m.put("nextmonth", months.get(day.plusMonths(1).getMonthValue() - 1));

    int n1 = between(r, 2, 9);
    String n1word = Desks.SMALL_NUMBERS.get(lang).get(n1 - 2);
    m.put("n1", n1word);
    m.put("N1", Character.toUpperCase(n1word.charAt(0)) + n1word.substring(1));
    m.put("n1digits", Integer.toString(n1));
    m.put("n2", Integer.toString(between(r, 12, 60)));
    m.put("n3", Integer.toString(between(r, 120, 880)));
    m.put("n4", whole(lang, 100 * between(r, 12, 98)));
    m.put("m", Integer.toString(between(r, 12, 90)));
    m.put("mln", decimal(lang, between(r, 12, 98) / 10.0, 1));
    int pct = between(r, 3, 24);
    m.put("pct", Integer.toString(pct));
    m.put("pct2", Integer.toString(between(r, 2, 6)));
    m.put("year", Integer.toString(between(r, 2027, 2030)));
    m.put("rate", decimal(lang, between(r, 8, 18) * 0.25, 2));
    m.put("infl", decimal(lang, between(r, 21, 39) / 10.0, 1));
    // Unemployment keeps falling through the year the content covers.
    long month = ChronoUnit.MONTHS.between(FIRST_WEEK.withDayOfMonth(1), day.withDayOfMonth(1));
    m.put("unemp", decimal(lang, 6.2 - 0.08 * month + between(r, 0, 2) / 10.0, 1));

    // Sports: a win by g1-g2, a basketball defeat by p1-p2, a table that agrees with both.
    int g1 = between(r, 2, 4);
    m.put("g1", Integer.toString(g1));
    m.put("g2", Integer.toString(r.nextInt(g1)));
    int played = between(r, 12, 20);
    int pts1 = 2 * played + between(r, 3, 8);
    int pts2 = pts1 - between(r, 1, 3);
    m.put("played", Integer.toString(played));
    m.put("pts1", Integer.toString(pts1));
    m.put("pts2", Integer.toString(pts2));
    m.put("pts3", Integer.toString(pts2 - between(r, 1, 3)));
    int p1 = between(r, 70, 89);
    m.put("p1", Integer.toString(p1));
    m.put("p2", Integer.toString(p1 + between(r, 3, 18)));
    m.put("q", Integer.toString(between(r, 10, 16)));
    m.put("streak", Integer.toString(between(r, 4, 8)));

    // Politics: a council vote, a by-election result whose shares add up.
    m.put("v1", Integer.toString(between(r, 23, 31)));
    m.put("v2", Integer.toString(between(r, 8, 20)));
    int votes1 = between(r, 2_000, 4_999);
    int margin = between(r, 12, 190);
    int votes3 = between(r, 600, 1_500);
    int total = votes1 + (votes1 - margin) + votes3;
    m.put("margin", Integer.toString(margin));
    m.put("votes1", whole(lang, votes1));
    m.put("votes2", whole(lang, votes1 - margin));
    m.put("votes3", whole(lang, votes3));
    m.put("share1", decimal(lang, 100.0 * votes1 / total, 1));
    m.put("share2", decimal(lang, 100.0 * (votes1 - margin) / total, 1));
    m.put("share3", decimal(lang, 100.0 * votes3 / total, 1));
    m.put("turnout", Integer.toString(between(r, 31, 48)));
    int sh1 = between(r, 30, 38);
    int sh2 = between(r, 20, 28);
    int sh3 = between(r, 10, 15);
    int sh4 = between(r, 5, 9);
    m.put("sh1", Integer.toString(sh1));
    m.put("sh2", Integer.toString(sh2));
    m.put("sh3", Integer.toString(sh3));
    m.put("sh4", Integer.toString(sh4));
    m.put("sh5", Integer.toString(100 - sh1 - sh2 - sh3 - sh4));

    // Business and economy tables.
    int rev0 = between(r, 120, 900);
    int op0 = rev0 * between(r, 8, 14) / 100;
    int emp0 = between(r, 1_200, 5_000);
    m.put("rev0", whole(lang, rev0));
    m.put("rev1", whole(lang, Math.round(rev0 * (100 + pct) / 100f)));
    m.put("op0", whole(lang, op0));
    m.put("op1", whole(lang, Math.round(op0 * between(r, 110, 140) / 100f)));
    m.put("emp0", whole(lang, emp0));
    m.put("emp1", whole(lang, emp0 + between(r, 20, 300)));
    for (int k = 1; k <= 4; k++) {
      m.put("rr" + k, decimal(lang, between(r, 30, 79) / 10.0, 1));
      m.put("cc" + k, "-" + decimal(lang, between(r, 1, 12) / 10.0, 1));
    }
    for (int k = 1; k <= 4; k++) {
      m.put("dec" + k, decimal(lang, between(r, 3, 49) / 10.0, 1));
    }
    int tons0 = 100 * between(r, 90, 160);
    m.put("tons0", whole(lang, tons0));
    m.put("tons1", whole(lang, tons0 * (100 - pct) / 100));

    // Science: a comet closing in on the sun, a seal colony growing year by year.
    double au = between(r, 180, 240) / 100.0;
    double mag = between(r, 110, 130) / 10.0;
    for (int k = 1; k <= 3; k++) {
      m.put("cd" + k, day.minusDays(7L * (4 - k)).toString());
      m.put("au" + k, decimal(lang, au, 2));
      m.put("mag" + k, decimal(lang, mag, 1));
      au -= between(r, 15, 30) / 100.0;
      mag -= between(r, 5, 12) / 10.0;
    }
    m.put("sy1", Integer.toString(day.getYear() - 2));
    m.put("sy2", Integer.toString(day.getYear() - 1));
    m.put("sy3", Integer.toString(day.getYear()));
    m.put("seals1", Integer.toString(between(r, 6, 14)));
    m.put("seals2", Integer.toString(between(r, 15, 30)));
    m.put("seals3", Integer.toString(between(r, 36, 45)));
    return m;
  }

  /** {@code template} with every placeholder replaced. */
  static String fill(String template, Map<String, String> slots) {
    Matcher matcher = SLOT.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = slots.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for {" + matcher.group(1) + "} in: " + template);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static int between(Random r, int min, int max) {
    return min + r.nextInt(max - min + 1);
  }

  private static <T> T pick(List<T> values, Random r) {
    return values.get(r.nextInt(values.size()));
  }

  private static List<String> shuffled(List<String> values, Random r) {
    List<String> copy = new ArrayList<>(values);
    Collections.shuffle(copy, r);
    return copy;
  }

  /** A whole number with the thousands separator of the language. */
  private static String whole(String lang, long n) {
    String digits = String.format(Locale.ROOT, "%,d", n);
    return switch (lang) {
      case "de", "es" -> digits.replace(',', '.');
      case "fr" -> digits.replace(',', ' ');
      default -> digits;
    };
  }

  /** A number with {@code digits} decimals and the decimal mark of the language. */
  private static String decimal(String lang, double value, int digits) {
    String text = String.format(Locale.ROOT, "%." + digits + "f", value);
    return lang.equals("en") ? text : text.replace('.', ',');
  }

  /**
   * The last part of an id made from a title: lower case, accents dropped, every run of other
   * characters than letters and digits one hyphen, at most 60 characters, cut between words.
   */
  static String slug(String title) {
    String plain = Normalizer.normalize(title.replace("ß", "ss"), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = Normalizer.normalize(plain, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", "-")
        .replaceAll("^-+|-+$", "");
    if (slug.length() > 60) {
      int cut = slug.lastIndexOf('-', 60);
      slug = slug.substring(0, cut > 0 ? cut : 60);
    }
    return slug;
  }

  // ------------------------------------------------------------------ cleaning

  /** Deletes the Markdown files and emptied folders under {@code folder}, after checking for others. */
  private static void clean(Path folder) throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(folder)) {
      entries = walk.filter(p -> !p.equals(folder))
          .filter(p -> !hidden(folder.relativize(p)))
          .sorted(Comparator.reverseOrder()) // children before their folders
          .toList();
    }
    for (Path p : entries) {
      if (!Files.isDirectory(p) && !p.getFileName().toString().endsWith(".md")) {
        throw new IllegalStateException("refusing to write the sample articles into " + folder + ": it holds "
            + p + ", which is not an article");
      }
    }
    for (Path p : entries) {
      if (!Files.isDirectory(p)) {
        Files.delete(p);
      } else if (isEmpty(p)) {
        Files.delete(p);
      }
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    }
  }
}
