package dev.broadsheet.examples;

import dev.broadsheet.Sentiment;
import java.util.List;
import java.util.Map;

/**
 * The story templates and word lists {@link SampleContent} assembles articles from. Every
 * place, company, club and person here is invented. Placeholders in braces ({@code {place}},
 * {@code {weekday}}, ...) are filled per article by {@link SampleContent}.
 */
final class Desks {
  private Desks() {}

  /** One kind of story: its fixed facts and the text it is told in, with placeholders. */
  record Desk(
      String category,
      String lang,
      Sentiment sentiment,
      List<String> tags,
      List<String> rareTags,
      List<String> sources,
      String title,
      String description,
      List<Section> sections,
      String pool) {

    /** This desk drawing its extra sections from another pool of {@link #EXTRA}. */
    Desk withPool(String key) {
      return new Desk(category, lang, sentiment, tags, rareTags, sources, title, description, sections, key);
    }
  }

  /** A {@code ##} section of a body: a heading and Markdown text (paragraphs, lists, tables). */
  record Section(String heading, String text) {}

  /** A publication articles come from. */
  record Outlet(String name, String key, String type) {}

  static final Map<String, Outlet> OUTLETS = Map.of(
      "harbourside-gazette", new Outlet("Harbourside Gazette", "harbourside-gazette", "RSS"),
      "kestrel-bay-courier", new Outlet("Kestrel Bay Courier", "kestrel-bay-courier", "RSS"),
      "market-ledger", new Outlet("Market Ledger", "market-ledger", "API"),
      "lab-notes", new Outlet("Lab Notes Weekly", "lab-notes", "API"),
      "sports-wire", new Outlet("Northwick Sports Wire", "sports-wire", "API"),
      "wirtschaftsbote", new Outlet("Wirtschaftsbote", "wirtschaftsbote", "RSS"),
      "lindenauer-tageblatt", new Outlet("Lindenauer Tageblatt", "lindenauer-tageblatt", "RSS"),
      "courrier-du-port", new Outlet("Le Courrier du Port", "courrier-du-port", "RSS"),
      "diario-del-valle", new Outlet("El Diario del Valle", "diario-del-valle", "RSS"));

  private static Section s(String heading, String text) {
    return new Section(heading, text.strip());
  }

  private static Desk desk(String category, String lang, Sentiment sentiment, List<String> tags,
      List<String> rareTags, List<String> sources, String title, String description, Section... sections) {
    return new Desk(category, lang, sentiment, tags, rareTags, sources, title, description, List.of(sections),
        lang.equals("en") ? category : lang);
  }

  private static final List<String> LOCAL_NEWS = List.of("harbourside-gazette", "kestrel-bay-courier");
  private static final List<String> MONEY_NEWS = List.of("market-ledger", "market-ledger", "harbourside-gazette");
  private static final List<String> LAB_NEWS = List.of("lab-notes", "harbourside-gazette");
  private static final List<String> SPORTS_NEWS = List.of("sports-wire", "sports-wire", "harbourside-gazette");

  // ------------------------------------------------------------------ English desks

  static final Desk CYCLE_LANE = desk("LOCAL", "en", Sentiment.POSITIVE,
      List.of("TRANSPORT", "CITY"), List.of("BICYCLES", "WATERFRONT"), LOCAL_NEWS,
      "{place} Opens a Protected Cycle Lane Along the Waterfront",
      "The {n1}-kilometre route separates bikes from traffic between the ferry terminal and the old mill district.",
      s("Overview", """
          Cyclists in {place} can now ride from the ferry terminal to the old mill district without \
          sharing the road with cars. The new lane, separated from traffic by a low kerb and a row of \
          planters, opened on {weekday} morning after eight months of work.
          """),
      s("What Happened", """
          Deputy mayor {person} cut the ribbon at the terminal and then rode the full {n1} kilometres \
          with a group of schoolchildren. The route replaces a painted lane that local cycling groups \
          had called one of the most dangerous stretches of road in the region.

          The project cost {mln} million, about a tenth more than first estimated, which the council \
          put down to the price of steel for a new footbridge over the canal. The route and the \
          timetable for the next stage are in the \
          [council's transport plan](https://council.example/transport/waterfront-lane).
          """));

  static final Desk LIBRARY_HOURS = desk("LOCAL", "en", Sentiment.NEGATIVE,
      List.of("CITY", "LIBRARIES"), List.of("BUDGET", "EDUCATION"), LOCAL_NEWS,
      "{place} Libraries to Close on Mondays as the Budget Tightens",
      "The three largest branches will also shut two hours earlier from {nextmonth}, saving the council about {n3},000 a year.",
      s("Overview", """
          All public libraries in {place} will close on Mondays from {nextmonth}, the council's \
          culture committee decided on {weekday}. The three largest branches will also close at six \
          in the evening instead of eight.
          """),
      s("What Happened", """
          Committee chair {person} said the library service had to save {pct} percent of its budget \
          after the regional grant was cut for the second year running. No member of staff will be \
          made redundant, the chair said, but posts that fall vacant will not be filled.

          Opening hours on Saturdays stay as they are, and the mobile library will keep visiting the \
          outlying villages every fortnight.
          """),
      s("Reactions", """
          Parents' groups and the local writers' circle have started a petition asking the council \
          to think again. More than {n4} people had signed it by {weekday} evening.
          """));

  static final Desk ROADWORKS = desk("LOCAL", "en", Sentiment.NEUTRAL,
      List.of("TRANSPORT", "CITY"), List.of("ROADWORKS", "WATER"), LOCAL_NEWS,
      "Coast Road in {place} Closed for {N1} Weeks While a Water Main Is Replaced",
      "Buses will be diverted through the town centre, and the harbour car park will be free for residents while the work lasts.",
      s("Overview", """
          The Coast Road between the lighthouse roundabout and the marina in {place} will be closed \
          to traffic from {weekday} while the water company replaces a main laid in the 1950s.
          """),
      s("What Happened", """
          Engineers found the old cast-iron pipe badly corroded during a routine inspection last \
          year. The new main will be laid in the same trench, which is why the whole road has to be \
          closed rather than one lane at a time.

          Pedestrians and cyclists can still use the promenade.
          """),
      s("Diversions", """
          | Route | Change |
          |---|---|
          | Bus 4 | via Market Street; two stops not served |
          | Bus 11 | via Station Road |
          | Night bus N2 | unchanged |
          """));

  static final Desk EARNINGS = desk("BUSINESS", "en", Sentiment.POSITIVE,
      List.of("EARNINGS"), List.of("EXPORTS", "DIVIDENDS"), MONEY_NEWS,
      "{company} Raises Its Forecast After a Strong Quarter",
      "Sales rose {pct} percent on the year, helped by new customers abroad and lower energy costs at its plants.",
      s("Overview", """
          {company} raised its forecast for the full year on {weekday} after reporting higher sales \
          and profits than analysts had expected for the three months to the end of {prevmonth}.
          """),
      s("What Happened", """
          Chief executive {person} said orders from outside the country had grown fastest, and that \
          the company had passed on only part of the recent fall in energy prices to its customers. \
          It will pay a dividend for the first time in {n1} years.
          """),
      s("The Figures", """
          | | This quarter | A year ago |
          |---|---:|---:|
          | Revenue (million) | {rev1} | {rev0} |
          | Operating profit (million) | {op1} | {op0} |
          | Employees | {emp1} | {emp0} |
          """));

  static final Desk PLANT_CLOSURE = desk("BUSINESS", "en", Sentiment.NEGATIVE,
      List.of("MANUFACTURING", "JOBS"), List.of("UNIONS", "EXPORTS"), MONEY_NEWS,
      "{company} to Close Its {place} Plant, Cutting {n3} Jobs",
      "The company will move production to a larger site and says every worker will be offered a transfer or a redundancy package.",
      s("Overview", """
          {company} said on {weekday} that it will close its factory in {place} by the end of next \
          year. The plant, which opened in the 1970s, employs {n3} people.
          """),
      s("What Happened", """
          Managers told staff at a meeting in the canteen that the site was too small and too old to \
          be modernised at a reasonable cost. Production will move to the company's main plant, \
          {n2} kilometres away, which is being extended.

          The union representing most of the workers called the decision a betrayal of a town that \
          had stood by the company for decades, and asked for talks about keeping part of the site \
          open.
          """),
      s("Why It Matters", """
          The factory is one of the largest private employers in {place}. Shops, cafés and \
          suppliers in the town fear that the closure will hit them too.
          """));

  static final Desk TAKEOVER_TALKS = desk("BUSINESS", "en", Sentiment.NEUTRAL,
      List.of("MERGERS"), List.of("RETAIL", "BANKING"), MONEY_NEWS,
      "{company} Confirms Talks to Buy Its Rival {company2}",
      "No price has been agreed and either side may still walk away, the two companies said in a joint statement.",
      s("Overview", """
          {company} is in talks to buy {company2}, the two companies confirmed on {weekday} after \
          reports of a possible deal pushed up the shares of both.
          """),
      s("What Happened", """
          In a short joint statement they said the discussions were at an early stage and that there \
          was no certainty an offer would be made. Under market rules {company} has {n1} weeks to \
          make a firm bid or to say that it will not.

          People familiar with the talks said a combined company would have about {n4} employees \
          and would be the second-largest business of its kind in the region.
          """));

  static final Desk RATES_HELD = desk("ECONOMY", "en", Sentiment.NEUTRAL,
      List.of("MONETARY POLICY", "INFLATION"), List.of("CURRENCY"), MONEY_NEWS,
      "Central Bank Leaves Its Main Rate at {rate} Percent",
      "Policymakers said inflation was moving in the right direction but wanted more evidence before cutting borrowing costs.",
      s("Overview", """
          The central bank left its main interest rate unchanged at {rate} percent on {weekday}, as \
          most economists had expected.
          """),
      s("What Happened", """
          In its statement the board said consumer prices had risen {infl} percent over the past \
          year, down from a peak of more than six percent. Wages, however, were still growing faster \
          than the bank considers consistent with its target.

          {fewword} of the nine board members voted for a cut of a quarter point.
          """),
      s("Market Reaction", """
          Bond yields edged lower after the decision was published, and the currency was little \
          changed against the dollar.
          """));

  static final Desk JOBLESS_FALLS = desk("ECONOMY", "en", Sentiment.POSITIVE,
      List.of("JOBS"), List.of("YOUTH", "REGIONS"), MONEY_NEWS,
      "Unemployment Falls Again, to {unemp} Percent in {prevmonth}",
      "Hiring in health care, construction and hospitality more than made up for job losses in manufacturing.",
      s("Overview", """
          The number of people out of work fell again last month, bringing the unemployment rate down \
          to {unemp} percent, the statistics office said on {weekday}.
          """),
      s("What Happened", """
          Employers added about {n4} jobs in {prevmonth}. Hospitals, care homes and building firms \
          hired the most, while factories shed workers for a sixth month in a row.
          """),
      s("By Region", """
          | Region | Rate (%) | Change on the year |
          |---|---:|---:|
          | {region1} | {rr1} | {cc1} |
          | {region2} | {rr2} | {cc2} |
          | {region3} | {rr3} | {cc3} |
          | {region4} | {rr4} | {cc4} |
          """));

  static final Desk RENTS_RISE = desk("ECONOMY", "en", Sentiment.NEGATIVE,
      List.of("HOUSING", "INFLATION"), List.of("RENTS"), MONEY_NEWS,
      "Rents in {place} Rise {pct} Percent in a Year as the Housing Shortage Deepens",
      "A survey of listings finds that a typical two-room flat now costs more than a third of an average take-home wage.",
      s("Overview", """
          Tenants in {place} are paying {pct} percent more for a new lease than they did a year ago, \
          according to a survey of listings published on {weekday} by the tenants' association.
          """),
      s("What Happened", """
          The survey, based on more than {n4} advertised flats, found the sharpest rises in the \
          districts close to the new railway station. Landlords' representatives said higher \
          mortgage rates and repair bills had left owners little choice.

          The [full survey](https://tenants.example/surveys/rents) also found that fewer flats were \
          on offer than at any time since the association began counting.
          """),
      s("Why It Matters", """
          Housing costs are the main reason inflation is still above the central bank's target. \
          Rents respond slowly to changes in interest rates, and once they have risen they seldom \
          come down.
          """));

  static final Desk ROBOT_FUNDING = desk("TECHNOLOGY", "en", Sentiment.POSITIVE,
      List.of("STARTUPS"), List.of("AI", "ROBOTICS"), LAB_NEWS,
      "{techco} Raises {m} Million to Take Its Warehouse Robots Abroad",
      "The {place} start-up, founded {n1} years ago in a university lab, plans to open offices in two more countries next year.",
      s("Overview", """
          {techco}, which builds small robots that carry shelves around warehouses, has raised {m} \
          million from a group of investors led by a pension fund, the company said on {weekday}.
          """),
      s("What Happened", """
          Co-founder {person} said the money would pay for a second assembly line in {place} and for \
          sales teams abroad. The company now has {n3} robots working for customers, most of them \
          food wholesalers.

          One of the investors said the round valued the company at several times what it was worth \
          a year ago, but declined to give a figure.
          """));

  static final Desk PAYMENT_OUTAGE = desk("TECHNOLOGY", "en", Sentiment.NEGATIVE,
      List.of("OUTAGES", "PAYMENTS"), List.of("SECURITY", "BANKING"), LAB_NEWS,
      "Card Payments Fail for Hours After an Outage at {payco}",
      "Shops and cafés across the region had to turn customers away or take cash only; the company blamed a faulty software update.",
      s("Overview", """
          Customers in shops, petrol stations and cafés across the region could not pay by card for \
          almost {n1} hours on {weekday} after a failure at {payco}, which handles payments for many \
          small businesses.
          """),
      s("What Happened", """
          The company said an update to its central systems had gone wrong and that the fault was not \
          the result of an attack. No card data had been exposed, it said.

          Small traders said the timing, on one of the busiest days of the month, had cost them \
          dearly. One baker in {place} said about half of the usual customers had left without \
          buying anything.
          """));

  static final Desk BROADBAND = desk("TECHNOLOGY", "en", Sentiment.NEUTRAL,
      List.of("BROADBAND", "CITY"), List.of("RURAL"), LAB_NEWS,
      "Fibre Broadband in {place} Reaches the Halfway Mark",
      "About half of all homes can now order a gigabit connection, but the hill villages will have to wait until {year}.",
      s("Overview", """
          The rollout of fibre broadband in {place} has reached half of the district's homes, the \
          network operator said on {weekday}, slightly behind the schedule it set three years ago.
          """),
      s("What Happened", """
          Crews have laid {n3} kilometres of cable, most of it in existing ducts under the pavements. \
          The operator said the rest of the work is harder and slower, because the villages on the \
          hills need new trenches.

          - Town centre and harbour: complete
          - Northern estates: by next summer
          - Hill villages: by {year}
          """));

  static final Desk NEW_SPECIES = desk("SCIENCE", "en", Sentiment.POSITIVE,
      List.of("OCEANS", "BIODIVERSITY"), List.of("RESEARCH"), LAB_NEWS,
      "Divers Find a {creature} New to Science Off {place}",
      "Researchers from {institute} say the animal, barely a centimetre long, lives only in the kelp of a few sheltered reefs.",
      s("Overview", """
          A {creaturelc} that no scientist had described before has been found on reefs off \
          {place}, researchers from {institute} said on {weekday}.
          """),
      s("What Happened", """
          Volunteer divers first photographed the animal {n1} years ago during a survey of the kelp \
          forest. Genetic tests in the laboratory confirmed that it belongs to a species unknown to \
          science. The team has published its description in a \
          [journal article](https://journals.example/marine/new-species) and proposed a name \
          honouring the volunteers.

          Lead author {person} said the find showed how much was still unknown about the waters close \
          to home.
          """),
      s("Why It Matters", """
          The reefs where the animal lives are not protected. The researchers want them included in \
          the marine reserve the regional government is planning.
          """));

  static final Desk COMET = desk("SCIENCE", "en", Sentiment.NEUTRAL,
      List.of("ASTRONOMY"), List.of("STARGAZING", "RESEARCH"), LAB_NEWS,
      "{observatory} Tracks a Faint Comet on Its Way Past the Sun",
      "Astronomers expect the comet to be visible with binoculars for a few weeks, if it survives its close approach.",
      s("Overview", """
          Astronomers at {observatory} have been following a newly discovered comet for several \
          weeks, and say it should pass closest to the sun in {nextmonth}.
          """),
      s("What Happened", """
          The comet is still too faint to see without a telescope. Observatory director {person} \
          said comets of this kind often break apart as they round the sun, so any forecast of how \
          bright it will become is uncertain.
          """),
      s("Observations", """
          | Date | Distance from the sun (AU) | Brightness (magnitude) |
          |---|---:|---:|
          | {cd1} | {au1} | {mag1} |
          | {cd2} | {au2} | {mag2} |
          | {cd3} | {au3} | {mag3} |
          """));

  static final Desk LOW_RIVERS = desk("SCIENCE", "en", Sentiment.NEGATIVE,
      List.of("CLIMATE", "WATER"), List.of("AGRICULTURE", "RESEARCH"), LAB_NEWS,
      "Study Finds Rivers Around {place} Running Lower Every Summer",
      "Researchers at {institute} say late-summer flows have fallen by about a {fraction} since the 1990s, putting farms and fish at risk.",
      s("Overview", """
          Rivers in the {place} region carry about a {fraction} less water in late summer than they \
          did thirty years ago, according to a study by {institute} published on {weekday}.
          """),
      s("What Happened", """
          The researchers analysed daily measurements from {n2} gauging stations. The decline was \
          steepest in small streams fed by springs, several of which dried out completely in two of \
          the past five summers.

          Farmers who take water for irrigation and the anglers' associations have both asked for \
          clearer rules on who may draw water when levels are low.
          """),
      s("Why It Matters", """
          Lower flows mean warmer water, which holds less oxygen. Trout and salmon, which need cool \
          water, are the first to suffer.
          """));

  static final Desk FOOTBALL_WIN = desk("SPORTS", "en", Sentiment.POSITIVE,
      List.of("FOOTBALL"), List.of("DERBY", "YOUTH"), SPORTS_NEWS,
      "{club} Beat {rival} {g1}–{g2} to Go Top of the League",
      "A late header from {person} settled a tense match in front of a crowd of {n4}.",
      s("Overview", """
          {club} moved to the top of the table on {weekday} with a {g1}–{g2} win over {rival}, their \
          fourth victory in a row.
          """),
      s("What Happened", """
          The visitors had the better of the first half but could not get past the home side's young \
          goalkeeper. {person} scored the deciding goal with a header from a corner {n1} minutes from \
          time.
          """),
      s("Standings", """
          | Pos | Club | Played | Points |
          |---:|---|---:|---:|
          | 1 | {club} | {played} | {pts1} |
          | 2 | {third} | {played} | {pts2} |
          | 3 | {rival} | {played} | {pts3} |
          """));

  static final Desk BASKETBALL_LOSS = desk("SPORTS", "en", Sentiment.NEGATIVE,
      List.of("BASKETBALL"), List.of("INJURIES"), SPORTS_NEWS,
      "{hoops} Lose Again as Their Losing Run Reaches {streak} Games",
      "The home side led at half-time but scored only {q} points in the last quarter against the {hoopsrival}.",
      s("Overview", """
          The {hoops}' losing run stretched to {streak} games on {weekday} with a {p1}–{p2} defeat at \
          home to the {hoopsrival}.
          """),
      s("What Happened", """
          Without their injured captain, the {hoops} leaned heavily on their bench. They led by {n1} \
          points at the break but went more than five minutes without scoring in the final quarter, \
          and the {hoopsrival} pulled away.
          """),
      s("Reactions", """
          Coach {person} said the team was not far off and asked fans to be patient. Some supporters \
          booed at the final buzzer for the second home game in a row.
          """));

  static final Desk MARATHON = desk("SPORTS", "en", Sentiment.NEUTRAL,
      List.of("RUNNING", "CITY"), List.of("CHARITY"), SPORTS_NEWS,
      "{n4} Runners Expected at the {place} Marathon This Weekend",
      "Several streets will be closed until early afternoon; organisers have moved the start to avoid the roadworks at the harbour.",
      s("Overview", """
          About {n4} runners have registered for the {place} marathon this weekend, roughly as many \
          as last year, the organisers said on {weekday}.
          """),
      s("What Happened", """
          The course has changed because of roadworks near the harbour. The start and finish are now \
          in the park by the town hall, and the route crosses the river twice instead of once.

          Last year's winner, {person}, will not defend the title because of an injury.
          """),
      s("Road Closures", """
          - Park Avenue and Town Hall Square: 6:00 to 15:00
          - River Bridge: 8:30 to 13:00
          - Coast Road north of the marina: 9:00 to 12:30
          """)).withPool("EVENTS");

  static final Desk THEATRE_SEASON = desk("CULTURE", "en", Sentiment.POSITIVE,
      List.of("THEATRE"), List.of("OPERA", "FAMILIES"), LOCAL_NEWS,
      "{venue} Opens Its Season With a New Play About the Dock Strike",
      "The programme includes {n1} premieres, a children's opera and cheaper tickets for anyone under twenty-five.",
      s("Overview", """
          The {venue} has announced a season of more than {n2} performances, opening with a new play about the \
          dock strike that divided the town a century ago.
          """),
      s("What Happened", """
          Artistic director {person} said the play grew out of interviews with the grandchildren of \
          dockers on both sides of the dispute. Other highlights include a children's opera based on \
          a local legend and a visit from a touring company from abroad.

          Tickets for under-25s will cost the same as a cinema seat. The full programme is on the \
          [theatre's website](https://theatre.example/season).
          """));

  static final Desk MUSEUM_RENOVATION = desk("CULTURE", "en", Sentiment.NEUTRAL,
      List.of("MUSEUMS"), List.of("ARCHITECTURE", "HISTORY"), LOCAL_NEWS,
      "{museum} to Close for Two Years of Renovation",
      "Part of the collection will go on tour, and a small selection will hang in the town library while the building is shut.",
      s("Overview", """
          The {museum} in {place} will close at the end of {nextmonth} for a renovation expected to \
          take two years, its trustees said on {weekday}.
          """),
      s("What Happened", """
          The Victorian building needs a new roof, lifts and climate control to protect the \
          paintings. The work will cost {mln} million, most of it from a national heritage fund.

          Director {person} said about {n2} works would be lent to museums abroad while the building \
          is closed, and a selection of local paintings would be shown in the library's reading room.
          """));

  static final Desk FESTIVAL_CANCELLED = desk("CULTURE", "en", Sentiment.NEGATIVE,
      List.of("FESTIVALS", "BUDGET"), List.of("MUSIC", "FILM"), LOCAL_NEWS,
      "{festival} Loses Its Main Sponsor and Cancels Next Year",
      "Organisers hope to return in {year} with a smaller programme, but the volunteer team is losing heart.",
      s("Overview", """
          The {festival}, which has drawn visitors to {place} every summer since the 1980s, will not \
          take place next year after its main sponsor pulled out, the organisers said on {weekday}.
          """),
      s("What Happened", """
          {company} had paid for about a third of the festival's budget for more than a decade. The \
          company said it was reviewing all of its sponsorship as it cuts costs.

          Festival chair {person} said ticket sales alone could not pay for the stages, security and \
          artists' fees, and that there was not enough time to find a new partner.
          """));

  static final Desk COUNCIL_BUDGET = desk("POLITICS", "en", Sentiment.NEUTRAL,
      List.of("CITY", "BUDGET"), List.of("TAXES", "SCHOOLS"), LOCAL_NEWS,
      "{place} Council Passes a Budget With Higher Parking Charges",
      "Spending on schools and social care will rise, paid for partly by parking fees and a small rise in property tax.",
      s("Overview", """
          {place} council approved next year's budget on {weekday} evening by {v1} votes to {v2}, \
          after a debate that lasted almost five hours.
          """),
      s("What Happened", """
          The largest increases go to schools and to care for older residents. To pay for them, the \
          council will raise parking charges in the town centre and put up property tax by {pct2} \
          percent. Opposition councillors said the parking rise would drive shoppers to the retail \
          parks outside town.
          """),
      s("Where the Money Goes", """
          | Area | Share of spending (%) |
          |---|---:|
          | Schools | {sh1} |
          | Social care | {sh2} |
          | Roads and transport | {sh3} |
          | Parks, culture and sport | {sh4} |
          | Everything else | {sh5} |
          """));

  static final Desk BY_ELECTION = desk("POLITICS", "en", Sentiment.NEUTRAL,
      List.of("ELECTIONS"), List.of("HEALTH"), LOCAL_NEWS,
      "{person} Wins the {place} By-Election by {margin} Votes",
      "Turnout was {turnout} percent; the result does not change the balance of power on the regional council.",
      s("Overview", """
          {person} has won the by-election for {place} on the regional council, beating {person2} by \
          {margin} votes after a recount that went on past midnight.
          """),
      s("What Happened", """
          The seat fell vacant when the previous councillor moved abroad. Both leading candidates \
          campaigned mainly on the future of the local hospital, which is set to lose its maternity \
          ward.
          """),
      s("Result", """
          | Candidate | Votes | Share (%) |
          |---|---:|---:|
          | {person} | {votes1} | {share1} |
          | {person2} | {votes2} | {share2} |
          | {person3} | {votes3} | {share3} |
          """));

  static final Desk MAYOR_INQUIRY = desk("POLITICS", "en", Sentiment.NEGATIVE,
      List.of("CITY", "ETHICS"), List.of("PLANNING"), LOCAL_NEWS,
      "Mayor of {place} Faces an Inquiry Over a Planning Vote",
      "The regional ombudsman will examine whether the mayor should have declared a family link to a developer before a vote on new housing.",
      s("Overview", """
          The regional ombudsman has opened an inquiry into the mayor of {place}, {person}, over a \
          planning vote last spring, the ombudsman's office confirmed on {weekday}.
          """),
      s("What Happened", """
          At issue is a decision to allow {n3} homes on farmland at the edge of town. Opposition \
          councillors say the mayor did not tell the planning committee that a close relative works \
          for the developer. The mayor denies any wrongdoing and says the relative had no part in the \
          project.

          The inquiry is expected to take several months. The mayor has refused calls to step aside \
          while it runs.
          """));

  // ------------------------------------------------------------------ German desks

  static final Desk EXPORTE = desk("ECONOMY", "de", Sentiment.NEUTRAL,
      List.of("EXPORTE", "KONJUNKTUR"), List.of("MASCHINENBAU"), List.of("wirtschaftsbote"),
      "Exporte steigen im {prevmonth} leicht an",
      "Vor allem Maschinen und Medizintechnik waren im Ausland gefragt; der Handel mit den Nachbarländern blieb schwach.",
      s("Überblick", """
          Die Ausfuhren sind im {prevmonth} um {dec1} Prozent gegenüber dem Vormonat gestiegen, wie \
          das Statistikamt am {weekday} mitteilte. Ökonominnen und Ökonomen hatten mit einem etwas \
          stärkeren Plus gerechnet.
          """),
      s("Was geschehen ist", """
          Besonders gefragt waren Maschinen und Geräte der Medizintechnik. Die Ausfuhren in die \
          Nachbarländer gingen dagegen zurück, weil dort die Industrie weiter schwächelt.

          | Warengruppe | Veränderung zum Vormonat |
          |---|---:|
          | Maschinen | +{dec2} % |
          | Medizintechnik | +{dec3} % |
          | Fahrzeuge | −{dec4} % |
          """));

  static final Desk NEUES_WERK = desk("BUSINESS", "de", Sentiment.POSITIVE,
      List.of("INDUSTRIE", "ARBEITSPLÄTZE"), List.of("ENERGIE"), List.of("wirtschaftsbote", "lindenauer-tageblatt"),
      "{company} eröffnet neues Werk in {place}",
      "Das Familienunternehmen schafft {n3} Arbeitsplätze und will dort künftig Wärmepumpen bauen.",
      s("Überblick", """
          Der Hersteller {company} hat am {weekday} sein neues Werk in {place} eröffnet. Auf einer \
          Fläche so groß wie mehrere Fußballfelder sollen dort künftig Wärmepumpen für Wohnhäuser \
          gebaut werden.
          """),
      s("Was geschehen ist", """
          Die Geschäftsführung um {person} sprach von der größten Investition der Firmengeschichte. \
          Rund {n3} neue Stellen sollen bis Ende nächsten Jahres besetzt werden, viele davon als \
          Ausbildungsplätze.

          Die Gemeinde hatte das Gelände erschlossen und eine neue Zufahrtsstraße gebaut.
          """));

  static final Desk UFERWEG = desk("LOCAL", "de", Sentiment.NEGATIVE,
      List.of("HOCHWASSER", "VERKEHR"), List.of("RADVERKEHR"), List.of("lindenauer-tageblatt"),
      "Nach dem Hochwasser: Uferweg in {place} bleibt gesperrt",
      "Teile des Wegs wurden bei den starken Regenfällen weggespült; die Reparatur wird Monate dauern.",
      s("Überblick", """
          Der beliebte Uferweg entlang des Flusses in {place} bleibt bis auf Weiteres gesperrt. Das \
          teilte die Stadtverwaltung am {weekday} mit.
          """),
      s("Was geschehen ist", """
          Beim Hochwasser der vergangenen Woche wurde die Böschung auf einer Länge von rund {n3} \
          Metern weggespült. Gutachter prüfen derzeit, ob auch die Fundamente der Fußgängerbrücke \
          beschädigt sind.

          Radfahrerinnen und Radfahrer werden über die Hauptstraße umgeleitet, was bei Anwohnern auf \
          Kritik stößt.
          """));

  static final Desk DERBY = desk("SPORTS", "de", Sentiment.POSITIVE,
      List.of("FUSSBALL"), List.of("DERBY"), List.of("lindenauer-tageblatt"),
      "{club} gewinnt das Derby gegen {rival}",
      "Vor {n4} Zuschauern entschied ein Treffer kurz vor Schluss die Partie.",
      s("Überblick", """
          {club} hat das Derby gegen {rival} am {weekday} mit {g1}:{g2} gewonnen und ist damit auf \
          den zweiten Tabellenplatz geklettert.
          """),
      s("Was geschehen ist", """
          Lange sah es nach einem Unentschieden aus. Erst {n1} Minuten vor dem Ende traf {person} mit \
          einem Schuss aus der Distanz zur Entscheidung.

          Der Trainer lobte nach dem Spiel vor allem die Abwehr, die kaum eine Chance zuließ.
          """),
      s("Stimmen zum Spiel", """
          Die Stimmung im Stadion war ausgelassen. Viele Fans blieben nach dem Schlusspfiff noch \
          lange auf den Rängen und feierten die Mannschaft.
          """));

  // ------------------------------------------------------------------ French desks

  static final Desk JAZZ = desk("CULTURE", "fr", Sentiment.POSITIVE,
      List.of("MUSIQUE", "FESTIVALS"), List.of("JAZZ"), List.of("courrier-du-port"),
      "Le festival de jazz de {place} fête ses trente ans",
      "Plus de {n2} concerts sont prévus sur cinq scènes, dont trois en plein air et gratuites.",
      s("Aperçu", """
          Le festival de jazz de {place} célèbre cette année sa trentième édition. Le programme, \
          présenté {weekday} à la mairie, compte plus de {n2} concerts.
          """),
      s("Ce qui s'est passé", """
          L'équipe du festival, menée par {person}, a voulu mêler artistes confirmés et jeunes \
          musiciens de la région. Trois scènes en plein air seront gratuites.

          Le programme complet est disponible sur le [site du festival](https://jazz.example/programme).
          """));

  static final Desk MARCHE = desk("LOCAL", "fr", Sentiment.NEUTRAL,
      List.of("COMMERCE", "VILLE"), List.of("TRAVAUX"), List.of("courrier-du-port"),
      "{place} : le marché du samedi s'installe sur le port",
      "Pendant les travaux de la place centrale, les {n2} commerçants s'installeront le long du quai pour au moins un an.",
      s("Aperçu", """
          À partir du mois de {nextmonth}, le marché du samedi de {place} se tiendra sur le quai du \
          port, a annoncé la mairie {weekday}.
          """),
      s("Ce qui s'est passé", """
          La place centrale doit être entièrement refaite : nouveaux pavés, arbres et fontaine. Les \
          travaux dureront au moins un an.

          Les commerçants ont été consultés et la plupart ont accepté le déménagement, à condition \
          que le stationnement reste gratuit le matin.
          """));

  static final Desk PHOQUES = desk("SCIENCE", "fr", Sentiment.POSITIVE,
      List.of("OCEANS", "BIODIVERSITÉ"), List.of("RESEARCH"), List.of("courrier-du-port"),
      "Les phoques reviennent dans la baie de {place}",
      "Une colonie d'une quarantaine d'animaux s'est installée sur un banc de sable, une première depuis plus d'un demi-siècle.",
      s("Aperçu", """
          Des phoques se reproduisent de nouveau dans la baie de {place}, selon une étude publiée \
          {weekday} par {institutfr}.
          """),
      s("Ce qui s'est passé", """
          Les chercheurs ont compté {seals3} animaux lors de leur dernier survol, dont plusieurs \
          jeunes. Une pêche mieux encadrée et une eau plus propre expliqueraient ce retour.

          | Année | Phoques comptés |
          |---|---:|
          | {sy1} | {seals1} |
          | {sy2} | {seals2} |
          | {sy3} | {seals3} |
          """));

  // ------------------------------------------------------------------ Spanish desks

  static final Desk ASCENSO = desk("SPORTS", "es", Sentiment.POSITIVE,
      List.of("FÚTBOL"), List.of("ASCENSO"), List.of("diario-del-valle"),
      "El {club} asciende tras vencer {g1}-{g2} al {rival}",
      "Miles de aficionados celebraron el ascenso en la plaza mayor hasta bien entrada la noche.",
      s("Resumen", """
          El {club} logró el {weekday} el ascenso de categoría tras vencer por {g1}-{g2} al {rival} \
          en un estadio lleno.
          """),
      s("Qué pasó", """
          El equipo local dominó desde el principio y se adelantó antes del descanso con un gol de \
          {person}. En la segunda parte amplió la ventaja y controló el partido sin apuros.

          El entrenador dedicó el triunfo a la afición, que ha acompañado al equipo durante toda la \
          temporada.
          """),
      s("La próxima temporada", """
          El club ya trabaja en la plantilla para la nueva categoría. La directiva ha prometido \
          mantener el precio de los abonos.
          """));

  static final Desk AUTOBUSES = desk("TECHNOLOGY", "es", Sentiment.NEUTRAL,
      List.of("TRANSPORTE", "INNOVACIÓN"), List.of("CITY"), List.of("diario-del-valle"),
      "{place} prueba autobuses sin conductor en el centro",
      "Durante seis meses, dos vehículos eléctricos recorrerán un circuito de {n1} kilómetros con un técnico a bordo.",
      s("Resumen", """
          El ayuntamiento de {place} presentó el {weekday} dos pequeños autobuses eléctricos que \
          circularán sin conductor por el centro de la ciudad durante una prueba de seis meses.
          """),
      s("Qué pasó", """
          Los vehículos, fabricados por {techco}, pueden llevar a doce pasajeros y circulan a un \
          máximo de veinte kilómetros por hora. Por ahora siempre viajará un técnico a bordo para \
          intervenir si es necesario.

          El servicio será gratuito durante la prueba.
          """));

  static final Desk ACEITE = desk("ECONOMY", "es", Sentiment.NEGATIVE,
      List.of("AGRICULTURA", "PRECIOS"), List.of("CLIMATE"), List.of("diario-del-valle"),
      "La sequía dispara el precio del aceite de oliva en {place}",
      "Los productores de la comarca calculan que la cosecha será un {pct} por ciento menor que la del año pasado.",
      s("Resumen", """
          El precio del aceite de oliva en origen ha subido un {pct} por ciento en el último mes, \
          según la cooperativa de {place}, que atribuye el aumento a la falta de lluvia.
          """),
      s("Qué pasó", """
          Los olivos apenas han recibido agua desde la primavera y muchos árboles han perdido parte de \
          la flor. Las cooperativas temen que algunos agricultores pequeños abandonen el cultivo.

          | Campaña | Producción (toneladas) |
          |---|---:|
          | Anterior | {tons0} |
          | Prevista | {tons1} |
          """));

  /**
   * The desks in the order articles are assigned to them, categories and languages
   * interleaved so that every stretch of dates holds a mix.
   */
  static final List<Desk> ROTATION = List.of(
      CYCLE_LANE, EARNINGS, FOOTBALL_WIN, NEW_SPECIES, NEUES_WERK, COUNCIL_BUDGET, ROBOT_FUNDING,
      TAKEOVER_TALKS, RATES_HELD, MARCHE, LIBRARY_HOURS, BASKETBALL_LOSS, ASCENSO, PLANT_CLOSURE,
      COMET, EXPORTE, MUSEUM_RENOVATION, BY_ELECTION, PAYMENT_OUTAGE, JAZZ, JOBLESS_FALLS, ROADWORKS,
      AUTOBUSES, MARATHON, UFERWEG, THEATRE_SEASON, LOW_RIVERS, FESTIVAL_CANCELLED, PHOQUES,
      MAYOR_INQUIRY, BROADBAND, ACEITE, RENTS_RISE, DERBY);

  // ------------------------------------------------------------------ extra sections

  /** Sections any story of a category (English) or a language (others) may end with. */
  static final Map<String, List<Section>> EXTRA = Map.ofEntries(
      Map.entry("LOCAL", List.of(
          s("What Comes Next", """
              The council will review the change after six months and publish the results. Residents \
              can send comments through the town's website or raise them at the next public meeting.
              """),
          s("What Residents Say", """
              Reactions in the neighbourhood were mixed. Several shop owners said nobody had asked \
              them, while parents at the nearby primary school welcomed the news.
              """),
          s("Background", """
              {place} has grown by almost a tenth in the past decade, mostly through new housing on \
              the edge of town, which has put pressure on roads and services built for a smaller \
              population.
              """))),
      Map.entry("BUSINESS", List.of(
          s("Market Reaction", """
              Analysts were divided on what the news means for the company. Several said they would \
              wait for the next set of results before changing their recommendations.
              """),
          s("Background", """
              {company} was founded in {place} as a family business and listed its shares in the \
              early 2000s. It employs about {n4} people in {n1} countries.
              """),
          s("What Comes Next", """
              Management will give more details at the company's investor day in {nextmonth}.
              """))),
      Map.entry("ECONOMY", List.of(
          s("What Economists Say", """
              Most economists expect growth to stay modest this year. Exporters are struggling with \
              weak demand in neighbouring countries, and households are spending more cautiously than \
              before the pandemic.
              """),
          s("Background", """
              Prices rose faster two years ago than at any time in a generation, driven by energy and \
              food. The central bank raised its rates and then held them, and inflation has been \
              coming down slowly since.
              """),
          s("What Comes Next", """
              The next figures are due in {nextmonth}, when the finance ministry will also publish its \
              updated forecast for the year.
              """))),
      Map.entry("TECHNOLOGY", List.of(
          s("Why It Matters", """
              Technology firms in the region employ more people than ever, but many say they cannot \
              find enough engineers. The local universities have promised more places on computing \
              courses from next year.
              """),
          s("What Comes Next", """
              The company said it would publish more details in the coming weeks and answer questions \
              from customers at an open meeting in {place}.
              """))),
      Map.entry("SCIENCE", List.of(
          s("How the Research Was Done", """
              The team combined several seasons of fieldwork with data collected by volunteers. The \
              measurements and methods have been made public so that other researchers can check the \
              results.
              """),
          s("What Comes Next", """
              The researchers have applied for funding to continue for another {n1} years and hope to \
              involve schools in collecting data.
              """))),
      Map.entry("SPORTS", List.of(
          s("What Comes Next", """
              Next up is an away game against one of the league's bottom sides, followed by a \
              two-week break.
              """),
          s("Reactions", """
              Supporters' groups praised the team's spirit but said the club must strengthen the \
              squad before the transfer window closes.
              """),
          s("By the Numbers", """
              - Attendance: {n4}
              - Tickets sold to away fans: {n3}
              - Volunteers on duty: {n2}
              """))),
      Map.entry("CULTURE", List.of(
          s("Background", """
              Cultural life in the town depends heavily on volunteers and a handful of sponsors. \
              Council grants for the arts have been cut twice in the past five years.
              """),
          s("What Visitors Say", """
              The news was the talk of the town's cafés all week, and several regular visitors wrote \
              to the local paper about it.
              """),
          s("What Comes Next", """
              The trustees and the council will discuss the plans again at a public meeting in \
              {nextmonth}.
              """))),
      Map.entry("EVENTS", List.of(
          s("For Spectators", """
              The best places to watch are the river bridge and the long straight along the \
              promenade, where bands will play through the morning. Cafés along the route will open \
              early.
              """),
          s("Good Causes", """
              More than a third of the runners are raising money for charity, most of them for the \
              children's hospital and the lifeboat station.
              """))),
      Map.entry("POLITICS", List.of(
          s("Reactions", """
              Opposition leader {person4} said the council had ignored the concerns of residents and \
              promised to raise the matter again at the next meeting.
              """),
          s("What Comes Next", """
              Any resident may challenge the outcome within {n1} weeks. The next regional elections \
              are due in {year}.
              """),
          s("Background", """
              No party has held a majority on the council since 2019; decisions rest on a loose \
              coalition that has come close to breaking up several times.
              """))),
      Map.entry("de", List.of(
          s("Wie es weitergeht", """
              Weitere Einzelheiten sollen im {nextmonth} bekannt gegeben werden.
              """),
          s("Reaktionen", """
              Die Reaktionen fielen gemischt aus. Vertreter der Wirtschaft begrüßten die Nachricht, \
              Anwohnerinnen und Anwohner äußerten dagegen Bedenken.
              """),
          s("Hintergrund", """
              Die Region ist in den vergangenen zehn Jahren deutlich gewachsen, vor allem durch den \
              Zuzug junger Familien und neue Betriebe.
              """))),
      Map.entry("fr", List.of(
          s("La suite", """
              De nouvelles précisions sont attendues en {nextmonth}.
              """),
          s("Réactions", """
              Les réactions sont partagées. Plusieurs associations saluent la nouvelle, tandis que \
              d'autres habitants attendent d'en savoir plus.
              """),
          s("Contexte", """
              La région a beaucoup changé en dix ans, avec l'arrivée de nouvelles familles et \
              l'ouverture de plusieurs entreprises.
              """))),
      Map.entry("es", List.of(
          s("Próximos pasos", """
              Se esperan más detalles en {nextmonth}.
              """),
          s("Reacciones", """
              Las reacciones han sido diversas. Algunos vecinos celebran la noticia, mientras que \
              otros piden más información.
              """),
          s("Contexto", """
              La comarca ha crecido con rapidez en la última década, sobre todo gracias al turismo y \
              a las nuevas empresas.
              """))));

  // ------------------------------------------------------------------ word lists

  static final Map<String, List<String>> PLACES = Map.of(
      "en", List.of("Harbourside", "Kestrel Bay", "Millbrook", "Northwick", "Alder Falls", "Wrenfield",
          "Stonehaven", "Port Avalon", "Ashcombe", "Larkspur Vale"),
      "de", List.of("Lindenau", "Kesselbrück", "Altheide", "Rabenfeld", "Birkenstein", "Oberwinden"),
      "fr", List.of("Port-Sainte-Aude", "Valmont-sur-Loue", "Belcastel", "Saint-Brévin-des-Dunes",
          "Montclair-la-Rivière"),
      "es", List.of("Villarrosa", "Puerto Alcor", "Montefrío del Valle", "Sierra Clara", "Almenara de la Costa"));

  static final Map<String, List<String>> PEOPLE = Map.of(
      "en", List.of("Marta Odegaard", "Samuel Okafor", "Priya Raman", "Tomasz Wolny", "Grace Whitfield",
          "Daniel Achterberg", "Helen Morrow", "Kwame Mensah", "Lucia Ferrante", "Owen Price",
          "Ingrid Halvorsen", "Rafael Costa"),
      "de", List.of("Jana Wiesner", "Lukas Hartmann", "Emine Aydın", "Felix Brandauer", "Katharina Vogt",
          "Mehmet Kaya"),
      "fr", List.of("Claire Dumontier", "Julien Marchetti", "Amina Benali", "Théo Lacombe", "Sophie Renaud"),
      "es", List.of("Lucía Serrano", "Javier Montoya", "Carmen Ibarra", "Diego Salcedo", "Elena Robles"));

  static final Map<String, List<String>> COMPANIES = Map.of(
      "en", List.of("Lumen Semiconductor", "Bramble Foods", "Tidewater Energy", "Greyhaven Bank",
          "Saltmarsh Brewing", "Norrland Rail Works", "Pellucid Optics", "Copperline Cables"),
      "de", List.of("Brenner & Söhne", "Lindgrün Technik", "Falkenhof Werke", "Weidmann Pumpen"),
      "fr", List.of("Atelier Marceau", "Verrerie du Lac"),
      "es", List.of("Grupo Alcor", "Olivares del Sur"));

  static final Map<String, List<String>> CLUBS = Map.of(
      "en", List.of("Riverside FC", "Kestrel Bay Athletic", "Northwick Rovers", "Millbrook Town",
          "Alder Falls United", "Wrenfield City"),
      "de", List.of("SV Lindenau", "FC Kesselbrück", "TuS Altheide", "Eintracht Rabenfeld"),
      "fr", List.of("AS Port-Sainte-Aude", "FC Belcastel", "Stade Valmontais"),
      "es", List.of("CD Villarrosa", "UD Montefrío", "Racing de Sierra Clara", "Club Deportivo Alcor"));

  static final List<String> TECH_COMPANIES =
      List.of("Corvid Robotics", "Halyard Systems", "Brightwater Labs", "Quillfeather Software");
  static final List<String> PAYMENT_COMPANIES = List.of("Tessellate Pay", "Ledgerly", "Coinwell Payments");
  static final List<String> BASKETBALL_TEAMS =
      List.of("Millbrook Comets", "Harbourside Herons", "Northwick Foxes", "Stonehaven Miners");
  static final List<String> THEATRES = List.of("Old Quay Theatre", "Wrenfield Playhouse", "Lantern Hall Theatre");
  static final List<String> MUSEUMS =
      List.of("Harbourside Museum of Art", "Maritime Museum", "Stonehaven Gallery of Modern Art");
  static final List<String> FESTIVALS =
      List.of("Harbour Lights Folk Festival", "Northern Screens Film Week", "Open Pages Book Fair");
  static final List<String> INSTITUTES =
      List.of("the Kestrel Bay Marine Institute", "Harbourside University", "the Northwick Institute for Water Research");
  static final List<String> INSTITUTES_FR = List.of("l'Institut océanographique de Belcastel",
      "l'Université de Port-Sainte-Aude", "l'Observatoire marin de Saint-Brévin");
  static final List<String> OBSERVATORIES =
      List.of("Stonehaven Observatory", "Larkspur Vale Observatory", "Ashcombe Hill Observatory");
  static final List<String> CREATURES = List.of("Sea Slug", "Shrimp", "Sea Anemone", "Sponge");
  static final List<String> FRACTIONS = List.of("fifth", "quarter", "third");
  static final List<String> FEW = List.of("One", "Two", "Three");

  /** The numbers two to nine in words, as newspapers write small numbers. */
  static final Map<String, List<String>> SMALL_NUMBERS = Map.of(
      "en", List.of("two", "three", "four", "five", "six", "seven", "eight", "nine"),
      "de", List.of("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"),
      "fr", List.of("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
      "es", List.of("dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"));

  static final Map<String, List<String>> WEEKDAYS = Map.of(
      "en", List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
      "de", List.of("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
      "fr", List.of("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
      "es", List.of("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"));

  static final Map<String, List<String>> MONTHS = Map.of(
      "en", List.of("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"),
      "de", List.of("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"),
      "fr", List.of("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"),
      "es", List.of("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
          "octubre", "noviembre", "diciembre"));
}
