-- Demo goals and indicators, from the seeds' published figures.
--
-- Seed 001 (Tyresö 2021, arbetsmarknads- och socialförvaltningen): four goal areas, each
-- judged by the share of the ten enheter's goals that are green, against 60 % (yellow from
-- 40 %; the report gives no yellow threshold, 40 % is the lowest share it calls gul), with the
-- month row "Måluppfyllelse/månad" as manual month assessments.  Area 4 also depends on the
-- budget deviation and the report judges it gul although 8 of 10 enhetsmål are green, so it
-- carries that manual assessment, which wins over the computed grön.  The KKIK table
-- 2017-2021 gives five indicators; "---" is a null value with the report's reason.
--
-- Seed 000 (Tyresö 2018, individ- och familjeomsorg): the goal chain strategic area →
-- strategiskt mål → nämndmål → indicator with outcome, target and trend, and the kvalitetsmål.
--
-- Goals are found by title within these scripts; units by code (sql/demo/0001-units.sql).

-- ---------------------------------------------------------------- seed 001: 2021 areas
INSERT INTO goals (level, title, description, unit_id, year_from, year_to, target_share,
	yellow_share, agenda2030, sort)
SELECT 'malomrade', v.column1, v.column2, (SELECT id FROM units WHERE code = 'TY-ASF'),
	2021, 2021, 60, 40, v.column3, v.column4
FROM (VALUES
	('1. Motiverade medarbetare hos Sveriges bästa offentliga arbetsgivare',
	 'Förvaltningens mål: Motiverade och kompetenta medarbetare med fokus på medborgarna. '
	 || 'Indikator: andel uppnådda enhetsmål - kompetensutveckling och motivationsindex.',
	 '[3,5,8,10]', 1),
	('2. Kvalitetsförbättringar skapar vi tillsammans, hela tiden',
	 'Förvaltningens mål: Ständiga förbättringar och verksamhet av god kvalitet säkerställer '
	 || 'att medborgarna ges rätt stöd i rätt tid. Indikator: andel uppnådda enhetsmål - '
	 || 'systematisk kvalitetsuppföljning.', '[3,5,10]', 2),
	('3. Tyresö kommun levererar bra välfärdstjänster som skapar goda livsvillkor – här finns plats för alla',
	 'Förvaltningens mål: Vuxna och barn ska få stöd till en förbättrad livssituation, ökad '
	 || 'självständighet och goda livsvillkor för att motverka och förebygga kriminalitet, våld '
	 || 'och utanförskap. Indikator: andel uppnådda enhetsmål – individuell stegförflyttning '
	 || 'och förbättrad samverkan.', '[1,2,3,5,8,10,11,16]', 3),
	('4. Hållbar ekonomi – kostnadseffektiv, balanserad och cirkulär',
	 'Förvaltningens mål: Verksamheterna ska använda resurser så effektivt som möjligt för att '
	 || 'skapa största möjliga nytta nu och i framtiden. Indikatorer: andelen uppnådda enhetsmål '
	 || '- resurseffektivitet; budgetavvikelse på förvaltningsnivå.', '[]', 4)
) v;

-- The ten enheter's goals under each area, with their 2021 colours (the seed's tables).
CREATE TEMP TABLE demo_unit_goals (area INTEGER, code TEXT, color TEXT);
INSERT INTO demo_unit_goals VALUES
	(1, 'TY-BUE', 'gron'), (1, 'TY-CAI', 'gul'), (1, 'TY-ERM', 'gron'), (1, 'TY-FVE', 'gul'),
	(1, 'TY-FSE', 'gul'), (1, 'TY-HSB', 'rod'), (1, 'TY-RE', 'gron'), (1, 'TY-ESP', 'gron'),
	(1, 'TY-VUE', 'gul'), (1, 'TY-FS', 'gul'),
	(2, 'TY-BUE', 'gron'), (2, 'TY-CAI', 'gron'), (2, 'TY-ERM', 'gron'), (2, 'TY-FVE', 'gron'),
	(2, 'TY-FSE', 'gron'), (2, 'TY-HSB', 'gul'), (2, 'TY-RE', 'gron'), (2, 'TY-ESP', 'gron'),
	(2, 'TY-VUE', 'gul'), (2, 'TY-FS', 'gron'),
	(3, 'TY-BUE', 'gul'), (3, 'TY-CAI', 'gul'), (3, 'TY-ERM', 'gron'), (3, 'TY-FVE', 'gron'),
	(3, 'TY-FSE', 'gul'), (3, 'TY-HSB', 'gron'), (3, 'TY-RE', 'gul'), (3, 'TY-ESP', 'gul'),
	(3, 'TY-VUE', 'gron'), (3, 'TY-FS', 'gron'),
	(4, 'TY-BUE', 'gul'), (4, 'TY-CAI', 'gron'), (4, 'TY-ERM', 'gron'), (4, 'TY-FVE', 'gron'),
	(4, 'TY-FSE', 'gul'), (4, 'TY-HSB', 'gron'), (4, 'TY-RE', 'gron'), (4, 'TY-ESP', 'gron'),
	(4, 'TY-VUE', 'gron'), (4, 'TY-FS', 'gron');

INSERT INTO goals (parent_id, level, title, unit_id, year_from, year_to, target_share,
	yellow_share, sort)
SELECT a.id, 'enhetsmal', u.name || ': ' || CASE d.area
		WHEN 1 THEN 'kompetensutveckling och motivationsindex'
		WHEN 2 THEN 'systematisk kvalitetsuppföljning'
		WHEN 3 THEN 'individuell stegförflyttning och förbättrad samverkan'
		ELSE 'resurseffektivitet' END,
	u.id, 2021, 2021, 100, 50, u.id
FROM demo_unit_goals d JOIN units u ON u.code = d.code
JOIN goals a ON a.level = 'malomrade' AND a.year_from = 2021 AND a.sort = d.area
	AND a.unit_id = (SELECT id FROM units WHERE code = 'TY-ASF');

INSERT INTO goal_assessments (goal_id, period, status, color, comment, created_by)
SELECT g.id, '2021', CASE d.color WHEN 'gron' THEN 'helt' WHEN 'gul' THEN 'delvis' ELSE 'ej' END,
	d.color, NULL, 'demo'
FROM demo_unit_goals d JOIN units u ON u.code = d.code
JOIN goals a ON a.level = 'malomrade' AND a.year_from = 2021 AND a.sort = d.area
	AND a.unit_id = (SELECT id FROM units WHERE code = 'TY-ASF')
JOIN goals g ON g.parent_id = a.id AND g.unit_id = u.id;
DROP TABLE demo_unit_goals;

-- Area 4's second indicator: the budget deviation at förvaltning level, judged gul.
INSERT INTO goals (parent_id, level, title, unit_id, year_from, year_to, sort)
SELECT id, 'namndmal', 'Budgetavvikelse på förvaltningsnivå', unit_id, 2021, 2021, 100
FROM goals WHERE level = 'malomrade' AND year_from = 2021 AND sort = 4;
INSERT INTO goal_assessments (goal_id, period, status, color, comment, created_by)
SELECT id, '2021', 'delvis', 'gul', 'Årsbokslutet slutade på ett totalt överskridande med 1,5 '
	|| 'procent, ca 4 miljoner; målvärdet för gult är högst 2 procent.', 'demo'
FROM goals WHERE title = 'Budgetavvikelse på förvaltningsnivå';
INSERT INTO goal_assessments (goal_id, period, status, color, comment, created_by)
SELECT id, '2021', 'i_hog_grad', 'gul', 'Enhetsmålen för resurseffektivitet är till största delen '
	|| 'uppnådda men budgetavvikelsen på förvaltningsnivå är gul.', 'demo'
FROM goals WHERE level = 'malomrade' AND year_from = 2021 AND sort = 4;

-- Måluppfyllelse/månad: one row of twelve colours per area.
CREATE TEMP TABLE demo_months (area INTEGER, colors TEXT);
INSERT INTO demo_months VALUES
	(1, 'gul gul gul gul gul gul gul gul gul gul gul gul'),
	(2, 'gul rod gul rod gul gul gul gron rod gron gron gron'),
	(3, 'gul gul gul gul gron gron gul gron gron gul gron gul'),
	(4, 'gron gul rod rod rod rod rod rod rod gul gul gul');
WITH RECURSIVE m(area, month, rest, color) AS (
	SELECT area, 0, colors || ' ', NULL FROM demo_months
	UNION ALL
	SELECT area, month + 1, substr(rest, instr(rest, ' ') + 1),
		substr(rest, 1, instr(rest, ' ') - 1)
	FROM m WHERE rest <> '')
INSERT INTO goal_assessments (goal_id, period, status, color, comment, created_by)
SELECT a.id, printf('2021-%02d', m.month),
	CASE m.color WHEN 'gron' THEN 'helt' WHEN 'gul' THEN 'delvis' ELSE 'ej' END, m.color,
	'Måluppfyllelse/månad', 'demo'
FROM m JOIN goals a ON a.level = 'malomrade' AND a.year_from = 2021 AND a.sort = m.area
WHERE m.month > 0;
DROP TABLE demo_months;

-- KKIK 2017-2021 (Kommunens kvalitet i korthet), Tyresö's results.
INSERT INTO indicators (unit_id, name, measure_unit, direction, decimals, source, sort)
SELECT (SELECT id FROM units WHERE code = v.column1), v.column2, v.column3, v.column4, 0,
	'KKIK (Kolada)', v.column5
FROM (VALUES
	('TY-IFO', 'Brukarbedömning individ- och familjeomsorg totalt - förbättrad situation, andel (%)',
	 'percent', 'higher_is_better', 1),
	('TY-FSE', 'Ej återaktualiserade vuxna personer med försörjningsstöd ett år efter avslutat försörjningsstöd, andel (%)',
	 'percent', 'higher_is_better', 2),
	('TY-FSE', 'Väntetid i antal dagar från ansökan vid nybesök till beslut inom försörjningsstöd, medelvärde',
	 'days', 'lower_is_better', 3),
	('TY-IFO', 'Kostnad individ- och familjeomsorg, kr/inv', 'kr', 'lower_is_better', 4),
	('TY-CAI', 'Resultat vid avslut i kommunens arbetsmarknadsverksamhet, deltagare som börjat arbeta eller studera, andel (%)',
	 'percent', 'higher_is_better', 5)
) v;

INSERT INTO indicator_values (indicator_id, period, kind, sort_key, value, null_reason)
SELECT i.id, v.column2, 0, CAST(v.column2 AS INTEGER) * 100 + 12, v.column3, v.column4
FROM (VALUES
	(1, '2017', 78, NULL), (1, '2018', 64, NULL), (1, '2019', 73, NULL),
	(1, '2020', NULL, 'Ingen brukarundersökning inom individ- och familjeomsorgen 2020'),
	(1, '2021', NULL, 'Ingen brukarundersökning inom individ- och familjeomsorgen 2021'),
	(2, '2017', 72, NULL), (2, '2018', 79, NULL), (2, '2019', 92, NULL), (2, '2020', 86, NULL),
	(2, '2021', 100, NULL),
	(3, '2017', 13, NULL), (3, '2018', 11, NULL), (3, '2019', 14, NULL), (3, '2020', 37, NULL),
	(3, '2021', 7, NULL),
	(4, '2017', 4339, NULL), (4, '2018', 4513, NULL), (4, '2019', 4616, NULL),
	(4, '2020', 4570, NULL), (4, '2021', NULL, 'Kostnaden för 2021 är ännu inte publicerad'),
	(5, '2017', 21, NULL), (5, '2018', 16, NULL), (5, '2019', 45, NULL), (5, '2020', 71, NULL),
	(5, '2021', NULL, 'Inget utfall i rapporten (---)')
) v JOIN indicators i ON i.source = 'KKIK (Kolada)' AND i.sort = v.column1;

-- ------------------------------------------------------------ seed 000: 2018 goal chain
CREATE TEMP TABLE demo_chain (n INTEGER PRIMARY KEY, parent INTEGER, level TEXT, title TEXT);
INSERT INTO demo_chain VALUES
	(1, NULL, 'malomrade', 'Livskvalitet - den attraktiva kommunen'),
	(2, 1, 'strategiskt_mal', 'Tyresö är en av Sveriges mest attraktiva boendekommuner'),
	(3, 2, 'namndmal', 'Placeringar av barn- och unga bidrar till en förbättrad situation för den enskilde'),
	(4, NULL, 'malomrade', 'Blomstrande näringsliv'),
	(5, 4, 'strategiskt_mal', 'Arbetslösheten i Tyresö är bland de lägsta i regionen och sysselsättningsgraden är hög'),
	(6, 5, 'namndmal', 'Försörjningsstöd ska vara ett kortsiktigt stöd'),
	(7, NULL, 'malomrade', 'Medborgarfokus - varje Tyresöbo i centrum'),
	(8, 7, 'strategiskt_mal', 'Tyresöborna är nöjda med den kommunala servicen'),
	(9, 8, 'kvalitetsmal', 'Socialförvaltningens arbete är kunskapsbaserat och utförs av kvalificerad personal'),
	(10, 8, 'kvalitetsmal', 'Socialförvaltningen har en rättssäker myndighetsutövning och verksamheterna är trygga och säkra'),
	(11, 8, 'kvalitetsmal', 'Socialförvaltningens tjänster är tillgängliga, jämlika och ges inom rimlig tid'),
	(12, 8, 'kvalitetsmal', 'Samverkan är vägledande i socialförvaltningens arbete, speciellt vad gäller människor med sammansatta behov'),
	(13, 7, 'strategiskt_mal', 'Tyresöborna kan påverka kommunens verksamhet'),
	(14, 13, 'kvalitetsmal', 'Personer som har stöd av socialförvaltningen ges möjlighet till inflytande, delaktighet och självbestämmande'),
	(15, NULL, 'malomrade', 'God och långsiktig hushållning med effektiva verksamheter'),
	(16, 15, 'strategiskt_mal', 'Varje verksamhetsområde ska bedrivas inom ramen för tilldelade ekonomiska resurser'),
	(17, 15, 'strategiskt_mal', 'Verksamheterna i Tyresö kommun utvecklas genom innovativa och effektiva processer'),
	(18, 17, 'namndmal', 'Verksamheterna i Tyresö kommun utvecklas genom innovativa och effektiva processer'),
	(19, NULL, 'malomrade', 'Attraktiv arbetsgivare'),
	(20, 19, 'strategiskt_mal', 'Medarbetarna rekommenderar Tyresö kommun som arbetsgivare.'),
	(21, 20, 'namndmal', 'Arbetsgivaren rekommenderas av medarbetaren'),
	(22, 19, 'strategiskt_mal', 'Medarbetarnas sjukfrånvaro är lägre än fyra procent.'),
	(23, 22, 'namndmal', 'Arbetsgivaren är en hälsofrämjande arbetsplats'),
	(24, 19, 'strategiskt_mal', 'Sysselsättningsgraden är anpassad till de anställdas önskemål.'),
	(25, 24, 'namndmal', 'Arbetsgivaren anpassar sysselsättningsgraden efter de anställdas önskemål');

-- One statement per depth, so each level finds its parents inserted before it.  The sort
-- column holds 1000 + the chain number, which is how the rows below find their goals.
INSERT INTO goals (level, title, unit_id, year_from, year_to, sort)
SELECT level, title, (SELECT id FROM units WHERE code = 'TY-IFO'), 2018, 2018, 1000 + n
FROM demo_chain WHERE parent IS NULL;
INSERT INTO goals (parent_id, level, title, unit_id, year_from, year_to, sort)
SELECT p.id, d.level, d.title, p.unit_id, 2018, 2018, 1000 + d.n
FROM demo_chain d JOIN goals p ON p.sort = 1000 + d.parent AND p.year_from = 2018
WHERE d.parent IN (SELECT n FROM demo_chain WHERE parent IS NULL);
INSERT INTO goals (parent_id, level, title, unit_id, year_from, year_to, sort)
SELECT p.id, d.level, d.title, p.unit_id, 2018, 2018, 1000 + d.n
FROM demo_chain d JOIN goals p ON p.sort = 1000 + d.parent AND p.year_from = 2018
WHERE d.parent IN (SELECT n FROM demo_chain WHERE parent IN
	(SELECT n FROM demo_chain WHERE parent IS NULL));
INSERT INTO goals (parent_id, level, title, unit_id, year_from, year_to, sort)
SELECT p.id, d.level, d.title, p.unit_id, 2018, 2018, 1000 + d.n
FROM demo_chain d JOIN goals p ON p.sort = 1000 + d.parent AND p.year_from = 2018
WHERE d.parent IN (SELECT n FROM demo_chain WHERE parent IN (SELECT n FROM demo_chain WHERE
	parent IN (SELECT n FROM demo_chain WHERE parent IS NULL)));
DROP TABLE demo_chain;

-- The report's own judgements (its comments), kept as manual assessments.
INSERT INTO goal_assessments (goal_id, period, status, color, comment, created_by)
SELECT g.id, '2018', v.column2, v.column3, v.column4, 'demo'
FROM (VALUES
	(1003, 'helt', 'gron', 'Verksamhetsområdet bidrar till att uppnå kommunens strategiska mål. Nämndmålet är uppfyllt.'),
	(1006, 'helt', 'gron', 'Verksamhetsområdet bidrar till att uppnå kommunens strategiska mål. Nämndmålet är uppfyllt.'),
	(1014, 'helt', 'gron', 'Kvalitetsmålet är helt uppfyllt.'),
	(1016, 'ej', 'rod', 'Verksamhetsområdet bidrar i dagsläget inte till att uppnå kommunens strategiska mål. Individ- och familjeomsorgen har ännu inte en ekonomi i balans.'),
	(1018, 'helt', 'gron', 'Nämndmålet är uppfyllt.'),
	(1021, 'helt', 'gron', 'Nämndmålet är uppfyllt.'),
	(1023, 'helt', 'gron', 'Sjukfrånvaron är högre än fyra procent men nämndmålet är uppnått.'),
	(1025, 'helt', 'gron', 'Nämndmålet är uppfyllt.')
) v JOIN goals g ON g.sort = v.column1 AND g.year_from = 2018;

-- The indicators of the chain, with outcome and target (seed 000's tables).
INSERT INTO indicators (goal_id, unit_id, name, measure_unit, direction, target,
	yellow_tolerance, decimals, source, sort)
SELECT g.id, g.unit_id, v.column2, v.column3, v.column4, v.column5, 0, 0, v.column6, v.column7
FROM (VALUES
	(1003, 'Minst 80 procent av de svarande i barn- och ungdomsvården i den nationellt gemensamma brukarundersökningen upplever att de fått en förbättrad situation',
	 'percent', 'higher_is_better', 80, 'Nationellt gemensam brukarundersökning', 101),
	(1006, 'Antalet hushåll som har haft försörjningsstöd i mer än 3 månader har minskat med sju procent',
	 'percent', 'lower_is_better', -7, 'Verksamhetssystem försörjningsstöd', 102),
	(1006, 'Hushåll med försörjningsstöd längre än tre månader', 'count', 'lower_is_better', NULL,
	 'Verksamhetssystem försörjningsstöd', 103),
	(1016, 'Ekonomiskt resultat mot budget, tkr', 'tkr', 'higher_is_better', 0, 'Bokslut', 104),
	(1018, 'Antal identifierade manuella processer som kan digitaliseras', 'count',
	 'higher_is_better', 5, 'Förvaltningen', 105),
	(1021, 'Andel av de anställda som rekommenderar Tyresö kommun som arbetsgivare', 'percent',
	 'higher_is_better', 90, 'Medarbetarundersökning', 106),
	(1023, 'Den totala sjukfrånvaron inom verksamhetsområdet', 'percent', 'lower_is_better', 5,
	 'Personalsystem', 107),
	(1025, 'Andel av de anställda som anser att sysselsättningsgraden är anpassad efter deras önskemål',
	 'percent', 'higher_is_better', 100, 'Medarbetarundersökning', 108)
) v JOIN goals g ON g.sort = v.column1 AND g.year_from = 2018;

INSERT INTO indicator_values (indicator_id, period, kind, sort_key, value, null_reason, comment)
SELECT i.id, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7
FROM (VALUES
	(101, '2018', 0, 201812, NULL, 'För få svarande för att måluppfyllelsen ska kunna bedömas',
	 'Av vårdnadshavare (29 svarande) ansåg 28 procent att situationen förbättrats. Barn och ungas svar redovisas inte på grund av för få svaranden.'),
	(102, '2018', 0, 201812, 10, NULL, 'Antalet har ökat med tio procent till 257 hushåll.'),
	(103, '2017', 0, 201712, 233, NULL, NULL),
	(103, '2018', 0, 201812, 257, NULL, '441 hushåll med försörjningsstöd, varav 257 längre än tre månader.'),
	(104, '2018', 0, 201812, -23000, NULL, 'Underskott mot budget med 23 miljoner kronor inklusive mottagandet av ensamkommande barn och ungdomar.'),
	(105, '2018', 0, 201812, 6, NULL, NULL),
	(106, '2016', 0, 201612, 53, NULL, 'Senaste mätningen före 2018.'),
	(106, '2018', 0, 201812, 99, NULL, 'I stort sett samtliga svarande.'),
	(107, '2018-08', 1, 201808, 7, NULL, NULL),
	(107, '2018-12', 1, 201812, 5, NULL, 'Sjukfrånvaron har minskat under hösten från sju procent i augusti till fem procent i december.'),
	(107, '2018', 0, 201812, 5, NULL, NULL),
	(108, '2018', 0, 201812, 94, NULL, NULL)
) v JOIN indicators i ON i.sort = v.column1 AND i.source IS NOT 'KKIK (Kolada)';

-- --------------------------------------- seed 002: Haninge T1 2017, the twelve KF goals
-- Kommunfullmäktige's twelve goals under four målområden, each with its status prognosis at
-- T1 (helt/delvis uppfyllt) and the nämnd's strategies under it; then the KF uppdrag.
CREATE TEMP TABLE demo_kf (n INTEGER PRIMARY KEY, parent INTEGER, level TEXT, title TEXT,
	status TEXT);
INSERT INTO demo_kf VALUES
	(1, NULL, 'malomrade', 'Målområde välmående kommuninvånare', NULL),
	(2, NULL, 'malomrade', 'Målområde utveckling', NULL),
	(3, NULL, 'malomrade', 'Målområde en attraktiv närmiljö', NULL),
	(4, NULL, 'malomrade', 'Målområde effektivitet, kvalitet och service', NULL),
	(11, 1, 'strategiskt_mal', '1. God folkhälsa', 'helt'),
	(12, 1, 'strategiskt_mal', '2. Trygga invånare med inflytande och delaktighet', 'helt'),
	(13, 1, 'strategiskt_mal', '3. Stöd och omsorg ger mervärde för individen', 'helt'),
	(14, 2, 'strategiskt_mal', '4. Möjligheter till utbildning i livets alla skeden', 'helt'),
	(15, 2, 'strategiskt_mal', '5. Meningsfull fritid', 'helt'),
	(16, 2, 'strategiskt_mal', '6. Ett växande näringsliv med fler i egen försörjning', 'delvis'),
	(17, 3, 'strategiskt_mal', '7. God livsmiljö för nuvarande och kommande generationer', 'helt'),
	(18, 3, 'strategiskt_mal', '8. Nya bostäder i bra lägen', 'delvis'),
	(19, 3, 'strategiskt_mal', '9. Hög tillgänglighet', 'helt'),
	(20, 4, 'strategiskt_mal', '10. Ordning och reda på ekonomin', 'helt'),
	(21, 4, 'strategiskt_mal', '11. Hög kvalitet i kommunens tjänster', 'helt'),
	(22, 4, 'strategiskt_mal', '12. En attraktiv arbetsgivare', 'helt'),
	(31, 11, 'namndmal', 'Strategi 1.1 Barn och vuxna erbjuds stöd och hjälp för att uppnå en god folkhälsa', NULL),
	(32, 12, 'namndmal', 'Strategi 2.1 Barn och vuxna ges förutsättningar att vara delaktiga i stöd och hjälp som erbjuds', NULL),
	(33, 12, 'namndmal', 'Strategi 2.2 Förebyggande arbete bedrivs i syfte att öka tryggheten för invånarna', NULL),
	(34, 13, 'namndmal', 'Strategi 3.1 Goda uppväxtvillkor säkerställs för barn och unga i samarbete med grund- och förskolenämnden, gymnasie- och vuxenutbildningsnämnden samt kultur- och fritidsnämnden', NULL),
	(35, 13, 'namndmal', 'Strategi 3.2 Socialtjänsten arbetar för ett gott flyktingmottagande i kommunen', NULL),
	(36, 14, 'namndmal', 'Strategi 4.1 Barn i kontakt med socialtjänsten fullföljer sin utbildning', NULL),
	(37, 14, 'namndmal', 'Strategi 4.2 Ungdomar i kontakt med socialtjänsten fullföljer sin utbildning eller arbetar', NULL),
	(38, 15, 'namndmal', 'Strategi 5.1 Barn och vuxna som har kontakt med socialtjänsten upplever att de har en meningsfull fritid', NULL),
	(39, 16, 'namndmal', 'Strategi 6.1 Stöd och insatser ger förutsättningar för egen försörjning', NULL),
	(40, 17, 'namndmal', 'Strategi 7.1 Verksamheterna är klimatsmarta', NULL),
	(41, 18, 'namndmal', 'Strategi 8.1 Villkor och behov för socialtjänstens målgrupper inklusive nyanlända och ensamkommande barn uppmärksammas i kommunens planering', NULL),
	(42, 19, 'namndmal', 'Strategi 9.1 Verksamhetslokaler har god tillgänglighet', NULL),
	(43, 19, 'namndmal', 'Strategi 9.2 Personer med funktionsnedsättning får stöd till arbete och sysselsättning utifrån sina förutsättningar', NULL),
	(44, 20, 'namndmal', 'Strategi 10.1 Verksamheterna bedrivs effektivt för att uppnå högsta möjliga kvalitet inom givna budgetramar', NULL),
	(45, 20, 'namndmal', 'Strategi 10.2 Digitala tjänster för medborgarna utvecklas', NULL),
	(46, 21, 'namndmal', 'Strategi 11.1 Barn och vuxna får ett bra bemötande och en god service', NULL),
	(47, 22, 'namndmal', 'Strategi 12.1 Ledarskapet är resultatbaserat och motiverande', NULL),
	(48, 22, 'namndmal', 'Strategi 12.2 Medarbetarskapet är delaktigt och resultatriktat', NULL),
	(51, NULL, 'uppdrag', 'KF uppdrag 2016: Ta fram kommunala tjänstegarantier (alla nämnder)', 'paborjad'),
	(52, NULL, 'uppdrag', 'KF uppdrag 2017: Öka antalet sommarjobb för ungdomar och tillsammans med det lokala näringslivet utveckla en ny sommarjobbmodell inför sommaren 2017', 'paborjad'),
	(53, NULL, 'uppdrag', 'KF uppdrag 2017: Utreda förslag till kvalitetsförbättringar och rationaliseringar i verksamheten som även kan bedrivas i annan driftsform', 'paborjad'),
	(54, NULL, 'uppdrag', 'KF uppdrag 2017: Utreda etableringen av en familjehemscentral i föreningsdrift', 'paborjad');

INSERT INTO goals (level, title, unit_id, year_from, year_to, sort)
SELECT level, title, (SELECT id FROM units WHERE code = 'HA-SN'), 2017, 2017, 2000 + n
FROM demo_kf WHERE parent IS NULL;
INSERT INTO goals (parent_id, level, title, unit_id, year_from, year_to, sort)
SELECT p.id, d.level, d.title, p.unit_id, 2017, 2017, 2000 + d.n
FROM demo_kf d JOIN goals p ON p.sort = 2000 + d.parent AND p.year_from = 2017
WHERE d.parent BETWEEN 1 AND 4;
INSERT INTO goals (parent_id, level, title, unit_id, year_from, year_to, sort)
SELECT p.id, d.level, d.title, p.unit_id, 2017, 2017, 2000 + d.n
FROM demo_kf d JOIN goals p ON p.sort = 2000 + d.parent AND p.year_from = 2017
WHERE d.parent BETWEEN 11 AND 22;
INSERT INTO goal_assessments (goal_id, period, status, color, comment, created_by)
SELECT g.id, '2017-T1', d.status,
	CASE d.status WHEN 'helt' THEN 'gron' WHEN 'delvis' THEN 'gul' ELSE 'gul' END,
	CASE d.level WHEN 'uppdrag' THEN 'Status: Påbörjad' ELSE 'Status (prognos): '
		|| CASE d.status WHEN 'helt' THEN 'Helt uppfyllt' ELSE 'Delvis uppfyllt' END END,
	'demo'
FROM demo_kf d JOIN goals g ON g.sort = 2000 + d.n AND g.year_from = 2017
	AND g.unit_id = (SELECT id FROM units WHERE code = 'HA-SN')
WHERE d.status IS NOT NULL;
DROP TABLE demo_kf;

-- ------------------------- seed 003: Tyresö delår 2 2017, uppdrag and kvalitetsgarantier
CREATE TEMP TABLE demo_003 (n INTEGER PRIMARY KEY, level TEXT, title TEXT, status TEXT,
	comment TEXT);
INSERT INTO demo_003 VALUES
	(1, 'uppdrag', 'Särskilt uppdrag: Konkurrensutsättning', 'paborjad',
	 'Uppdraget är påbörjat. En ny upphandling av familjerådgivning har genomförts och det nya avtalet med fyra olika utförare träder i kraft från och med maj 2017.'),
	(2, 'uppdrag', 'Särskilt uppdrag: I varje nämndplan behandlas aktiviteter från kommunala funktionshinderrådets förslag till Tillgänglighetsplan för 2017-2019', 'fardig',
	 'Uppdraget är genomfört.'),
	(3, 'uppdrag', 'Särskilt uppdrag: Taxor och avgifter', 'paborjad',
	 'Avgifter justeras enligt fastställt index.'),
	(4, 'uppdrag', 'Särskilt uppdrag: Utveckla tidiga insatser inom individ- och familjeomsorgen i samverkan med olika aktörer', 'paborjad',
	 'Uppdraget är påbörjat.'),
	(5, 'uppdrag', 'Särskilt uppdrag: Genomlysa behovet av boendeplatser inom individ- och familjeomsorgen i alla kommundelar', 'fardig',
	 'Uppdraget är genomfört. Behovet av boendeplatser ingår i den kommunövergripande lokalförsörjningsplan som tagits fram under våren 2017.'),
	(6, 'uppdrag', 'Särskilt uppdrag: Fortsätta öka självförsörjningsgraden', 'paborjad',
	 'Uppdraget är påbörjat.'),
	(7, 'uppdrag', 'Särskilt uppdrag: Implementera och utveckla projektet "En väg in och många vägar till arbete, studier och egen försörjning" i den ordinarie verksamheten', 'fardig',
	 'Uppdraget är genomfört.'),
	(8, 'uppdrag', 'Nämnduppdrag: Individ- och familjeomsorgen ska bidra till att barn och unga som har pågående insatser ska ha hög närvaro i skolan', 'paborjad',
	 'Uppdraget är påbörjat. Närvaron i skolan är en del i den löpande uppföljningen i varje individärende.'),
	(11, 'kvalitetsgaranti', 'Vi är tillgängliga – Du behöver bara ringa ett samtal till individ- och familjeomsorgen för att komma i kontakt med en person som kan hjälpa dig.', 'uppfylld',
	 'Garantin bedöms vara uppfylld.'),
	(12, 'kvalitetsgaranti', 'Om du söker försörjningsstöd – När du har lämnat en komplett ansökan om försörjningsstöd får du ett skriftligt beslut skickat till dig senast inom sju arbetsdagar.', 'uppfylld',
	 'Garantin bedöms vara uppfylld.'),
	(13, 'kvalitetsgaranti', 'Stöd till barn och ungdom – Om du ansöker om hjälp och stöd erbjuds du tid för personligt besök snarast möjligt, senast inom två veckor.', 'uppfylld',
	 'Garantin bedöms vara uppfylld.'),
	(14, 'kvalitetsgaranti', 'Stöd till barn och ungdom – En anmälan om att barn och ungdomar misstänks fara illa tas emot omgående och en första bedömning om ärendet är akut görs samma dag.', 'uppfylld',
	 'Garantin bedöms vara uppfylld.'),
	(15, 'kvalitetsgaranti', 'Familjehemsvård – Socialsekreterarna besöker alla barn och ungdomar som bor i familjehem minst två gånger per år och pratar med barnen utan att familjehemsföräldrarna är närvarande.', 'uppfylld',
	 'Garantin bedöms vara uppfylld.'),
	(16, 'kvalitetsgaranti', 'Familjerätt – Barn i skilsmässofamiljer erbjuds att delta i gruppverksamhet.', 'ej_uppfylld',
	 'Garantin bedöms ej vara uppfylld. På grund av personalbrist kan gruppverksamhet inte erbjudas.'),
	(17, 'kvalitetsgaranti', 'Stöd till personer med missbruksproblem – Alla nya besökare får en besökstid snarast möjligt, och senast inom två veckor. Om du vill kan vi erbjuda dig fem besök där du kan vara anonym.', 'uppfylld',
	 'Garantin bedöms vara uppfylld.');

INSERT INTO goals (level, title, unit_id, year_from, year_to, sort)
SELECT level, title, (SELECT id FROM units WHERE code = 'TY-IFO'), 2017, 2017, 3000 + n
FROM demo_003;
INSERT INTO goal_assessments (goal_id, period, status, color, comment, created_by)
SELECT g.id, '2017-T2', d.status,
	CASE d.status WHEN 'fardig' THEN 'gron' WHEN 'uppfylld' THEN 'gron' WHEN 'paborjad'
		THEN 'gul' ELSE 'rod' END, d.comment, 'demo'
FROM demo_003 d JOIN goals g ON g.sort = 3000 + d.n AND g.year_from = 2017
	AND g.unit_id = (SELECT id FROM units WHERE code = 'TY-IFO');
DROP TABLE demo_003;
