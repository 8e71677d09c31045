-- Demo reports: the four seed reports, made from the demo data like any report.
--
-- Haninge socialnämnd, tertialrapport T1 2017 (seed 002), Tyresö individ- och familjeomsorg,
-- delårsrapport augusti 2017 (seed 003) and verksamhetsberättelse 2018 (seed 000), and Tyresö
-- arbetsmarknads- och socialnämnden, verksamhetsberättelse 2021 (seed 001).  Each is a draft
-- made from its kind's built-in template, cut to its seed's own order and with the
-- statistics the seed prints chosen for its statistics sections, as a controller would, and
-- with its narrative sections written as short summaries of what the seed says: its facts
-- and figures, not its sentences.  The three older ones were decided, so
-- the demo loader locks them afterwards (temp table demo_report_locks, read by folja demo):
-- only seed 000 prints its decision (arbetsmarknads- och socialnämnden 2019-02-26, § 1014);
-- seeds 002 and 003 print none, so theirs are locked without one.  The 2021 report stays a
-- draft to edit and lock.

INSERT INTO reports (unit_id, kind, period, title, template_id)
SELECT (SELECT id FROM units WHERE code = v.column1), v.column2, v.column3, v.column4,
	(SELECT id FROM report_templates WHERE kind = v.column2 AND builtin = 1)
FROM (VALUES
	('HA-SN', 'tertialrapport', '2017-T1', 'Delårsrapport 1 (T1) 2017 för Socialnämnden'),
	('TY-IFO', 'delarsrapport', '2017-T2', 'Delårsrapport augusti 2017 – individ- och familjeomsorg'),
	('TY-IFO', 'verksamhetsberattelse', '2018', 'Verksamhetsberättelse 2018 – individ- och familjeomsorg'),
	('TY-ASN', 'verksamhetsberattelse', '2021', 'Verksamhetsberättelse 2021')
) v;

-- Seed 000's order: events, goals and indicators, registers, economy with the plan for a
-- budget in balance, risks, the overall assessment.
CREATE TEMP TABLE demo_sections (period TEXT PRIMARY KEY, sections TEXT);
INSERT INTO demo_sections VALUES ('2018', json('[
 {"key": "viktiga_handelser", "title": "Viktiga händelser", "type": "text", "params": {}},
 {"key": "mal", "title": "Uppföljning och analys av mål och resultat", "type": "goals", "params": {}},
 {"key": "nyckeltal", "title": "Nyckeltal", "type": "indicators", "params": {}},
 {"key": "lex_sarah", "title": "Lex Sarah", "type": "lex_sarah", "params": {"group_by": "category"}},
 {"key": "ej_verkstallda_beslut", "title": "Icke verkställda beslut per kvartal", "type": "decisions_summary", "params": {}},
 {"key": "resultatrakning", "title": "Resultaträkning: myndighet och kommunal regi", "type": "budget",
  "params": {"scale": "tkr", "rounding": "consistent"}},
 {"key": "verksamheter", "title": "Resultat per verksamhet", "type": "budget",
  "params": {"group_by": "activity", "scale": "tkr", "rounding": "consistent"}},
 {"key": "budget_i_balans", "title": "Uppföljning av plan för budget i balans", "type": "text", "params": {}},
 {"key": "risker", "title": "Uppföljning av riskhanteringsplan", "type": "risks", "params": {}},
 {"key": "sammanfattande_bedomning", "title": "Sammanfattande bedömning", "type": "text", "params": {}}
]'));

-- Seed 002's order, with its tables of statistics: sick leave January–March by month, and
-- the activity statistics, a section per table as the seed prints them, each beside the same
-- months of 2016.  Sections name their statistic by code; the ids are filled in below.
INSERT INTO demo_sections VALUES ('2017-T1', json('[
 {"key": "sammanfattning", "title": "Sammanfattning", "type": "text", "params": {}},
 {"key": "viktiga_handelser", "title": "Viktiga händelser och områden", "type": "text", "params": {}},
 {"key": "mal", "title": "Mål och resultat", "type": "goals", "params": {}},
 {"key": "intern_kontroll", "title": "Intern kontroll", "type": "internal_control", "params": {}},
 {"key": "sjukfranvaro", "title": "Sjukfrånvaro januari–mars", "type": "statistics",
  "params": {"statistic": "sjukfranvaro", "period": "2017-Q1", "by": "month", "compare": "previous_year"}},
 {"key": "sjukfranvaro_alder", "title": "Sjukfrånvaro per åldersgrupp", "type": "statistics",
  "params": {"statistic": "sjukfranvaro", "period": "2017-Q1", "by": "age_group", "compare": "previous_year"}},
 {"key": "driftredovisning", "title": "Driftredovisning per avdelning", "type": "budget",
  "params": {"depth": 3, "scale": "tkr", "rounding": "consistent"}},
 {"key": "verksamheter", "title": "Resultat per verksamhet", "type": "budget",
  "params": {"group_by": "activity", "scale": "tkr", "rounding": "consistent"}},
 {"key": "arsprognos", "title": "Årsprognos", "type": "forecast", "params": {"depth": 3, "scale": "tkr", "rounding": "consistent"}},
 {"key": "risker", "title": "Risk- och känslighetsanalys", "type": "risks", "params": {"scale": "tkr"}},
 {"key": "investeringar", "title": "Investeringsredovisning", "type": "investments", "params": {"scale": "tkr"}},
 {"key": "aktualiseringar_barn", "title": "Verksamhetsstatistik: aktualiseringar barn och unga", "type": "statistics",
  "params": {"statistic": "aktualiseringar_barn_unga", "by": "typ", "compare": "previous_year"}},
 {"key": "placeringar_barn", "title": "Verksamhetsstatistik: placeringar barn och unga", "type": "statistics",
  "params": {"statistic": "placeringar_barn_unga", "by": "placering", "compare": "previous_year"}},
 {"key": "oppenvard_barn", "title": "Verksamhetsstatistik: öppenvård barn och unga", "type": "statistics",
  "params": {"statistic": "oppenvard_barn_unga", "by": "regi", "compare": "previous_year"}},
 {"key": "aktualiseringar_vuxen", "title": "Verksamhetsstatistik: aktualiseringar vuxen missbruk", "type": "statistics",
  "params": {"statistic": "aktualiseringar_vuxen_missbruk", "by": "typ", "compare": "previous_year"}},
 {"key": "oppenvard_vuxen", "title": "Verksamhetsstatistik: öppenvård vuxen missbruk", "type": "statistics",
  "params": {"statistic": "oppenvard_vuxen_missbruk", "by": "regi", "compare": "previous_year"}},
 {"key": "placeringar_vuxen", "title": "Verksamhetsstatistik: placeringar vuxen missbruk", "type": "statistics",
  "params": {"statistic": "placeringar_vuxen_missbruk", "by": "placering", "compare": "previous_year"}},
 {"key": "forsorjningsstod", "title": "Verksamhetsstatistik: försörjningsstöd, bidragshushåll", "type": "statistics",
  "params": {"statistic": "bidragshushall", "by": "kommundel", "compare": "previous_year"}},
 {"key": "medelbistand", "title": "Verksamhetsstatistik: medelbistånd per hushåll", "type": "statistics",
  "params": {"statistic": "medelbistand_hushall", "compare": "previous_year"}},
 {"key": "utbetalt_forsorjningsstod", "title": "Verksamhetsstatistik: utbetalt försörjningsstöd", "type": "statistics",
  "params": {"statistic": "utbetalt_forsorjningsstod", "compare": "previous_year"}},
 {"key": "lss_personer", "title": "Verksamhetsstatistik: personer med insatser enligt LSS", "type": "statistics",
  "params": {"statistic": "lss_personer", "compare": "previous_year"}},
 {"key": "lss_insatser", "title": "Verksamhetsstatistik: beviljade insatser enligt LSS", "type": "statistics",
  "params": {"statistic": "lss_beviljade_insatser", "compare": "previous_year"}},
 {"key": "sarskilt_boende", "title": "Verksamhetsstatistik: särskilt boende funktionsnedsättning", "type": "statistics",
  "params": {"statistic": "sarskilt_boende_fn", "by": "boende", "compare": "previous_year"}},
 {"key": "korttidstillsyn", "title": "Verksamhetsstatistik: korttidstillsyn LSS, personer", "type": "statistics",
  "params": {"statistic": "korttidstillsyn_personer", "by": "utforare", "compare": "previous_year"}},
 {"key": "korttidstillsyn_dygn", "title": "Verksamhetsstatistik: korttidstillsyn LSS, dygn", "type": "statistics",
  "params": {"statistic": "korttidstillsyn_dygn", "compare": "previous_year"}},
 {"key": "daglig_verksamhet", "title": "Verksamhetsstatistik: daglig verksamhet LSS", "type": "statistics",
  "params": {"statistic": "daglig_verksamhet", "by": "regi", "compare": "previous_year"}},
 {"key": "lex_sarah", "title": "Uppföljning av lex Sarah", "type": "lex_sarah", "params": {"group_by": "unit"}},
 {"key": "tillbud", "title": "Tillbud, olycksfall och ärenden gällande egendom och säkerhet", "type": "incidents", "params": {}},
 {"key": "synpunkter", "title": "Rapporterade synpunkter", "type": "complaints", "params": {}},
 {"key": "upphandling", "title": "Upphandling", "type": "text", "params": {}}
]'));

-- Seed 003's volumes: child-welfare reports and investigations January–August beside 2015,
-- the year the seed compares with.
INSERT INTO demo_sections VALUES ('2017-T2', json('[
 {"key": "viktiga_handelser", "title": "Viktiga händelser", "type": "text", "params": {}},
 {"key": "mal", "title": "Mål, uppdrag och kvalitetsgarantier", "type": "goals", "params": {}},
 {"key": "lex_sarah", "title": "Lex Sarah", "type": "lex_sarah", "params": {"group_by": "category"}},
 {"key": "lex_maria", "title": "Lex Maria", "type": "lex_maria", "params": {}},
 {"key": "ej_verkstallda_beslut", "title": "Ej verkställda beslut", "type": "decisions", "params": {}},
 {"key": "uppfoljningar", "title": "Uppföljningar och granskningar", "type": "audits", "params": {}},
 {"key": "volymer", "title": "Volymer: barnavårdsanmälningar", "type": "statistics",
  "params": {"statistic": "barnavardsanmalningar", "compare": "2015"}},
 {"key": "volymer_utredningar", "title": "Volymer: inledda barnavårdsutredningar", "type": "statistics",
  "params": {"statistic": "barnavardsutredningar", "compare": "2015"}},
 {"key": "ekonomi", "title": "Ekonomi: utfall till och med perioden", "type": "budget",
  "params": {"scale": "tkr", "rounding": "consistent"}},
 {"key": "verksamheter", "title": "Utfall per verksamhet", "type": "budget",
  "params": {"group_by": "activity", "scale": "tkr", "rounding": "consistent"}},
 {"key": "prognos", "title": "Helårsprognos", "type": "forecast", "params": {"scale": "tkr", "rounding": "consistent"}},
 {"key": "slutsatser", "title": "Slutsatser", "type": "text", "params": {}},
 {"key": "atgarder", "title": "Åtgärder som nämnden vidtagit", "type": "actions", "params": {}}
]'));

-- A statistics section names its statistic by id, as a request to /statistics/{id}/table does.
UPDATE demo_sections SET sections = (
	SELECT json_group_array(CASE
		WHEN json_extract(e.value, '$.params.statistic') IS NULL THEN json(e.value)
		ELSE json_set(json_remove(e.value, '$.params.statistic'), '$.params.statistic_id',
			(SELECT id FROM statistics
			 WHERE code = json_extract(e.value, '$.params.statistic'))) END)
	FROM json_each(demo_sections.sections) e);

CREATE TEMP TABLE demo_texts (period TEXT, key TEXT, text TEXT);
INSERT INTO demo_texts VALUES
-- seed 002, Haninge T1 2017
('2017-T1', 'sammanfattning',
'Nämnden redovisar för januari–april ett utfall på 270,9 mnkr mot en periodbudget på 274,7 mnkr, alltså ett överskott på 3,8 mnkr. Prognosen för helåret är fortfarande en budget i balans, även om vissa verksamheter har utmaningar.

I mars antog nämnden en plan för att följa upp verksamheter i egen och extern regi; fyra utförare har fått en kvalitetsuppföljning och en tidigare uppföljning har följts upp igen. Digitaliseringen fortsätter med bland annat e-tjänster för serveringstillstånd, ett system för avvikelser, digital signering av medicin och digital tidsrapportering i hemtjänst och personlig assistans. Det är fortsatt svårt att rekrytera erfarna handläggare, främst inom barn och unga.

Förvaltningen bedömer att den bidrar till att tio av kommunens tolv mål blir helt uppfyllda. Två mål bedöms bli delvis uppfyllda: *ett växande näringsliv med fler i egen försörjning* och *nya bostäder i bra lägen*, som båda rör stöd till arbete och egen försörjning respektive bostäder och lokaler.'),
('2017-T1', 'viktiga_handelser',
'- **Hela förvaltningen:** nya informationskanaler och mer individanpassad kommunikation, och en översyn av hur tillgängligheten vid kontakt med socialtjänsten kan bli bättre.
- **Barn och unga:** projektorer i samtalen gör barn och anhöriga delaktiga i dokumentationen, Haninge är testkommun för taligenkänning och avdelningen deltar i SKL:s Innovationsguiden. Nya, lägre ersättningar för ensamkommande barn gäller från den 1 juli 2017. Nattvandringen utökas till Västerhaninge och Dalarö.
- **Vuxen:** en ny gruppbehandling för våldsutövare har startat och metoden UBÅT har införts i missbruksvården. Kommunen ska ta emot 276 nyanlända under 2017 och deltar i projektet MIA (april 2017–augusti 2020).
- **Funktionsnedsättning:** ett informationsbrev om utredningen riktar sig till barn och unga, personlig assistans rapporterar tid digitalt och fem personer fick plats i särskilt boende under första kvartalet.'),
('2017-T1', 'upphandling',
'En ny upphandling av handledning till förvaltningen förbereds och avtalet väntas vara klart i oktober 2017. Förvaltningen har LOV-avtal för familjerådgivning, ledsagar- och avlösarservice, daglig verksamhet och hemtjänst. Under våren kom ett anbud för hemtjänst och ett för ledsagar- och avlösarservice, medan två leverantörer sade upp sina avtal om ledsagar- och avlösarservice.'),
-- seed 003, Tyresö IFO augusti 2017
('2017-T2', 'viktiga_handelser',
'- **Förvaltningsövergripande:** nya riktlinjer för trygghet och säkerhet, en reviderad delegationsordning, en strategi mot hög arbetsbelastning i myndighetsutövningen, en översyn av anhörigstödet och förberedelser inför dataskyddsförordningen. Förvaltningen fick ny förvaltningschef och ny stabschef i februari.
- **Myndighet:** personalbristen från 2016 och många barnavårdsanmälningar i början av året präglade perioden, och flera ungdomar omhändertogs enligt LVU. Ett introduktionsprogram för nya socialsekreterare startade, försörjningsstöds- och vuxenenheten hbtq-certifierades och vuxenenheten började erbjuda stöd till våldsutövare. Stödboendet Källan drivs sedan den 1 september av en ny utförare.
- **Kommunal regi:** en familjecentral utreds, ett samarbete med Mini-Maria ska möta cannabismissbruk bland unga och två ABC-föräldrautbildningar med sammanlagt 24 föräldrapar genomfördes under våren.'),
('2017-T2', 'slutsatser',
'Nettoresultatet till och med augusti är −28 138 tkr, varav flyktingverksamheten står för −10 660 tkr. Helårsprognosen är ett underskott på 35 600 tkr, varav 14 100 tkr inom flyktingverksamheten.

De strategiska målen uppfylls delvis, med två undantag: verksamheten ryms inte inom tilldelad budget, och sjukfrånvaron är inte under fyra procent. Alla uppdrag är genomförda eller påbörjade.

Personalläget i myndigheten har blivit bättre och från september finns bara tre konsulter kvar. Fler barnavårdsanmälningar, fler ärenden om våld i nära relation och fler placeringar i behandlingsskolor och HVB har dock tagit ut effekten av åtgärderna. Vuxenenheten har begränsat kostsamma institutionsplaceringar genom kortare behandlingshemsvistelser, boendestöd och den egna öppenvården, och en ny rutin gör att en person som utsatts för våld snabbt får träffa alla berörda enheter.'),
-- seed 000, Tyresö IFO 2018
('2018', 'viktiga_handelser',
'- Personalsituationen är stabil och sjukfrånvaron har minskat; konsulter anlitas främst i väntan på nyrekryterad personal.
- Ett tillfälligt anställningsstopp infördes den 1 november, och från 2019 slås socialförvaltningen och utvecklingsförvaltningen samman till förvaltningen för liv och hälsa.
- I medarbetarundersökningen rekommenderade i stort sett alla svarande arbetsgivaren.
- Fler lägenheter har gjort det möjligt att ta hem barn, unga och vuxna från stödboende, HVB och skyddade boenden, och en insatsgrupp följer sedan april upp varje placering av barn och unga.
- Mottagandet av ensamkommande har minskat kraftigt och ett av kommunens HVB-boenden avvecklas.
- Från årsskiftet likställs spelmissbruk med andra missbruk, och nya arbetssätt för utskrivning från sluten vård infördes i november.'),
('2018', 'budget_i_balans',
'Individ- och familjeomsorgen redovisar ett underskott mot budget på 23 miljoner kronor, i nivå med prognosen i årets andra delårsrapport. Mottagandet av ensamkommande gav −11,5 mnkr, efter överskott åren 2013–2016.

Handlingsplanen har gett en bättre blandning av egna insatser och externa placeringar: en insatsgrupp följer placeringarna, fler egna arvoderade familje- och jourhem används och lägenheter har ersatt stödboende och HVB. Samarbetet med elevhälsan har gjort bedömningen av behandlingsskolor mer rättssäker och billigare. Nya åtgärder är minskat beroende av konsulter, avveckling av den egna boendekedjan för ensamkommande under 2019 och ett anställningsstopp till och med mars 2019.'),
('2018', 'sammanfattande_bedomning',
'Målen och uppdragen nås till stor del, men det finns utvecklingsbehov inom kompetensutveckling, utredningstider, systematisk uppföljning, metodutveckling, rutiner och samverkan. Andelen medarbetare som rekommenderar arbetsgivaren har stigit från 53 procent 2016 till 99 procent.

Underskottet på 23 miljoner kronor förklaras bland annat av fler LVM-placeringar av vuxna, fler hushåll med ekonomiskt bistånd under längre tid, nya placeringar i skyddat boende och höga konsultkostnader. Statens ersättning för ensamkommande täcker inte myndighetens egna kostnader, och tomma platser i boendekedjan kostar tills den avvecklas 2019. Framåt ligger fokus på egna insatser i kommunen, kortare externa placeringar och fler arvoderade familje- och jourhem.'),
-- seed 001, Tyresö ASN 2021
('2021', 'viktiga_handelser',
'**Hela förvaltningen**

- Pandemin har påverkat alla enheter och skapat en social skuld när besök ersatts av telefonstöd eller uteblivit.
- De egna verksamheterna har varit fullbelagda med kö, och vård har fått köpas externt.
- Arbetet med Signs of Safety har börjat, och i november infördes en e-tjänst för ansökan om försörjningsstöd.

**Barn och familj**

- Inledda utredningar om barn och unga ökade med drygt 7 procent under årets första fem månader, och familjebehandlingen har haft kö hela året.
- Det har varit svårt att rekrytera familjehem, och en e-tjänst för orosanmälan har tagits i bruk.
- 246 ungdomar hade sommarjobb (229 året innan) och ytterligare 62 arbetade under höst- och vinterlov; två fältare och två medarbetare i mobila teamet har tillkommit.

**Vuxen**

- Samverkan med Arbetsförmedlingen har varit svår.
- Etableringscentrum är nu ordinarie verksamhet, relationsvårdsteamet stödjer våldsutövare från den 1 september och projektet Trappsteget har startat tillsammans med TYBO.
- Träffen öppnade den 28 september och öppenvården Måsen flyttade till större lokaler.

**Nya regler** som påverkat verksamheten: den nya folkbokföringslagen, barnfridsbrottet från den 1 juli och ändringen i socialtjänstlagen om våldsutövare från den 1 augusti.'),
('2021', 'maldelning',
'2021 var det första året med den nya modellen för måldelning. Arbetssätten för att samla underlag från medarbetarna var inte färdiga från början, men strukturen och motivationen har växt under året. Enheternas månadsrapporter har varit underlag för förvaltningsledningens måldialoger, och resultatet har förts vidare till kommunledningen och som måluppföljning till nämnden. Pandemin försvårade måldialogerna eftersom digitala arbetssätt saknades när modellen infördes.'),
('2021', 'sammanfattande_bedomning',
'Pandemin har påverkat alla verksamheter och tydligast målområdet *Motiverade medarbetare*: arbetsbelastningen var hög hela året och den planerade kompetensutvecklingen kunde inte genomföras. Personalläget har också gjort att resultaten inom *Kvalitet* och *Leverans* har växlat under året.

Samarbetet inom förvaltningen har utvecklats, så att de egna insatserna har kunnat användas bättre och kostnaderna för externa placeringar har minskat. Från oktober har den negativa budgetavvikelsen legat under 2 procent, och målområdet *Ekonomi* bedöms därför som gult för helåret.'),
('2021', 'ekonomisk_analys',
'Nämndens avvikelse mot budget blev −4,0 mnkr, varav individ- och familjeomsorgen −3,2 mnkr och arbetsmarknad och integration −0,8 mnkr.

- Inhyrd personal vid sjukskrivningar och många komplexa ärenden, extern missbruks- och LVM-vård, skyddade boenden och fler hushåll med försörjningsstöd har ökat kostnaderna.
- Egna uppdragstagare i familjehemsvården, en förstärkt socialpsykiatri och retroaktiva intäkter från Migrationsverket för ensamkommande har gett överskott.
- Arbetsmarknadsenheten har haft lägre personalkostnader, medan integrationsenheten fått högre kostnader för ekonomiskt bistånd.
- Den statliga ersättningen för merkostnader till följd av covid-19 uppgick till ca 1,2 mnkr, och kostnaderna för personer över 64 år beräknas till ca 4 mnkr.'),
('2021', 'prioriteringar',
'Förvaltningen bedömer att alla nämndens prioriteringar för 2021 har uppnåtts, till exempel:

- fler feriejobb: 246 ungdomar på sommaren, 38 på höstlovet och 10 på jullovet, trots att vård och förskola inte kunde ta emot feriearbetare;
- Etableringscentrum ingår nu i ordinarie verksamhet, och Trappsteget vänder sig till nyanlända kvinnor;
- fältverksamheten har fyra tjänster och arbetar både dag och kväll;
- socialpsykiatrin har fått en mottagningsfunktion med kortare väntetider;
- kvinnojouren har fått medel för samtalsbehandling och en verksamhet för våldsutövare har startat.

De tre kommungemensamma uppdragen om granskningsplan, fristående granskning och uppföljning av avtal och uppdrag bedöms som gröna, liksom tillgänglighetsplanens aktivitet att minst 10 procent av feriejobben ska gå till ungdomar med funktionsnedsättning.'),
('2021', 'barnbokslut',
'Tre enheter arbetar direkt med barn och deras föräldrar, och inom individ- och familjeomsorgen gick 41 procent av resurserna till personal och insatser riktade direkt till barn. Under 2021 aktualiserades 3 834 barn och unga 0–20 år, 658 utredningar inleddes och 863 pågick under året; aktualiseringarna minskade med ungefär 14 procent medan antalet pågående utredningar var ungefär som 2020.

Barnets bästa prövas i varje ärende och en skyddsbedömning görs inom 24 timmar. ”Min utredning” och Signs of Safety har gjort barnen mer delaktiga, och vid årets slut blev i princip alla barnavårdsutredningar klara inom fyra månader. Pandemin har samtidigt gjort det svårare att träffa barn och familjer, och anmälningarna om barn som utsatts för eller bevittnat våld har ökat.');

-- Revision 1 of each: its sections (the template's, or the copy above) with the narrative set.
INSERT INTO report_revisions (report_id, revision, status, sections)
SELECT r.id, 1, 'draft', (
	SELECT json_group_array(CASE WHEN d.text IS NULL THEN json(e.value)
		ELSE json_set(e.value, '$.text', d.text) END)
	FROM json_each(coalesce((SELECT sections FROM demo_sections s WHERE s.period = r.period),
				t.sections)) e
	LEFT JOIN demo_texts d ON d.period = r.period AND d.key = json_extract(e.value, '$.key'))
FROM reports r JOIN report_templates t ON t.id = r.template_id;
DROP TABLE demo_sections;
DROP TABLE demo_texts;

-- The decided ones, locked by the demo loader once the data are in.
CREATE TEMP TABLE demo_report_locks (report_id INTEGER, decided_on TEXT, decision_ref TEXT);
INSERT INTO demo_report_locks
SELECT id, CASE period WHEN '2018' THEN '2019-02-26' END,
	CASE period WHEN '2018' THEN 'Arbetsmarknads- och socialnämnden 2019-02-26, § 1014, '
		|| 'dnr 2019/ASN 0036 10' END
FROM reports WHERE period IN ('2017-T1', '2017-T2', '2018');
