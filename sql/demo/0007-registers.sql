-- Demo registers the reports need, drawn from the seeds.  tests/test_registers_seeds.c
-- checks every figure through the API.
--
--   seed 001 (Tyresö ASN, VB 2021, "Riskhantering"): five risks, values 15/20/20/15/20, each
--     with the year-end assessment of its measures (grön, gul, grön, grön, grön).  The seed
--     prints the value alone, so no factors are stored; the review is dated the year's end.
--   seed 000 (Tyresö IFO, VB 2018): the follow-up of the risk plan (seven risks with a comment,
--     no type, no value), the audits (two internal reviews, one follow-up, one IVO inspection;
--     the seed dates them "under våren"/"under året", so days are set within those spans),
--     the plan for a budget in balance (five actions, followed up at the committee's meeting
--     2018-09-26 and in the VB), and six complaints (one on öppna förskolan, one on
--     family counselling, four on treatment and support by the authority).
--   seed 002 (Haninge SN, T1 2017): the sensitivity analysis (+1 000 / −1 500 / −3 000 tkr,
--     summing to +1 000 / −4 500), the incidents per avdelning (65 tillbud, 18 olycksfall,
--     7 egendom/säkerhet; 22 investigated; 60 of the tillbud and olycksfall hot och våld) and
--     the complaints table (4: Funktionsnedsättning 2, Vuxen 1, Boende och boendestöd 1;
--     three closed without action, one still handled).
--   seed 003 (Tyresö IFO, delår 2 2017): the contract follow-up of the jointly procured
--     addiction care, and the committee's measures with their follow-up (six actions).
--
-- synthetic = 1 marks rows made to reproduce a count the seed gives without the rows behind
-- it: the incidents and the complaints (their days and exact wording are invented; their
-- counts per unit, kind and outcome are the seed's), and two internal controls for Haninge
-- 2017, which the seed only says were not followed up at T1.  The seeds report no lex Maria
-- notification, so the register starts empty.

-- ==== risks (seed 001) ======================================================================

INSERT INTO risks (unit_id, year, type, description, value, measures) VALUES
	((SELECT id FROM units WHERE code = 'TY-ASN'), 2021, 'omvarld',
	 'Ökad smittspridning på grund av pandemin.', 15,
	 'Riskvärdet har ökat till 15 utifrån den kraftiga ökningen av smittspridning genom omikron. Följsamhet mot nationella och lokala restriktioner fortsätter.'),
	((SELECT id FROM units WHERE code = 'TY-ASN'), 2021, 'medarbetare',
	 'Försämrad arbetsmiljö på grund av pandemin.', 20,
	 'Beredskapsplaner finns på samtliga enheter och riskbedömningar görs kontinuerligt. Riskanalys har lyfts till kommunövergripande nivå. Plan för återgång efter restriktionernas avslut pågår.'),
	((SELECT id FROM units WHERE code = 'TY-ASN'), 2021, 'verksamhet',
	 'Risk för ökad kriminalitet hos mycket unga och barn.', 20,
	 'Strukturerad samverkan mellan socialtjänsten, fritidsverksamheten, skolan och polisen.'),
	((SELECT id FROM units WHERE code = 'TY-ASN'), 2021, 'finansiell',
	 'Ökat antal anmälningar/ansökningar medför högre externa placeringskostnader.', 15,
	 'Förändrat arbetssätt införs för att bedöma risker och nätverksresurser. Samverkan har utvecklats både internt och externt för att anpassa insatserna efter behoven.'),
	((SELECT id FROM units WHERE code = 'TY-ASN'), 2021, 'finansiell',
	 'Förändringar i ersättningsmodeller, erhållna statsbidrag och kostnadsmodeller.', 20,
	 'Förvaltningen har beredskap och en flexibel organisation som snabbt ställer om till nya förutsättningar.');

INSERT INTO risk_reviews (risk_id, reviewed_on, color)
SELECT r.id, '2021-12-31', CASE r.type WHEN 'medarbetare' THEN 'gul' ELSE 'gron' END
FROM risks r WHERE r.year = 2021 AND r.unit_id = (SELECT id FROM units WHERE code = 'TY-ASN');

-- ==== the risk plan's follow-up (seed 000) ==================================================

INSERT INTO risks (unit_id, year, description) VALUES
	((SELECT id FROM units WHERE code = 'TY-IFO'), 2018, 'Sänkt statlig ersättning för ensamkommande barn och ungdomar medför risk för att ersättningen inte täcker både placerings- och personalkostnader.'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 2018, 'Enligt förslag från Migrationsverket ska placeringar av nya ensamkommande barn och ungdomar ske i hemkommunen.'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 2018, 'Ökning av ensamkommande asylsökande barn.'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 2018, 'Svårigheter med bemanning av socialsekreterare.'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 2018, 'Fel i inrapportering av statistik - fel kan uppstå vid insamling av statistikkällor eller vid intern eller extern inrapportering.'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 2018, 'Svårigheter att förutse kostsamma placeringar för personer med stora behov.'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 2018, 'Brist på bostäder innebär att hemmaplanslösningar inte kan genomföras samt att kostnaderna för tillfälligt boende ökar.');

INSERT INTO risk_reviews (risk_id, reviewed_on, comment)
SELECT r.id, '2018-12-31', CASE substr(r.description, 1, 12)
	WHEN 'Sänkt statli' THEN 'Ersättningen täcker idag inte fullt ut kostnaderna för verksamheten.'
	WHEN 'Enligt försl' THEN 'Anvisningarna av ensamkommande barn och unga har kraftigt minskat under året. Vilket medför att verksamheten istället behöver anpassas.'
	WHEN 'Ökning av en' THEN 'Se ovan.'
	WHEN 'Svårigheter ' THEN CASE WHEN r.description LIKE '%bemanning%'
		THEN 'Personalsituationen har förbättrats och det är lättare att rekrytera socialsekreterare. Personalomsättningen och sjuktalen har minskat. Verksamheten har dock varit beroende av socialsekreterarkonsulter men verkar för att minska dessa.'
		ELSE 'I den ekonomiska uppföljningen följs detta upp genom att placeringskostnader särskiljs.' END
	WHEN 'Fel i inrapp' THEN 'Förvaltningen behöver fortsatt arbeta med kvalitetssäkring kring inrapportering.'
	ELSE 'Verksamheten har fått tillgång till fler lägenheter.' END
FROM risks r WHERE r.year = 2018 AND r.unit_id = (SELECT id FROM units WHERE code = 'TY-IFO');

-- ==== the sensitivity analysis (seed 002), in kronor ========================================

INSERT INTO risk_sensitivities (unit_id, period, period_first, period_last, description,
	amount_kr) VALUES
	((SELECT id FROM units WHERE code = 'HA-SF'), '2017-T1', '2017-01-01', '2017-04-30',
	 'Volymökning funktionsnedsättning, barn och vuxna', -1500000),
	((SELECT id FROM units WHERE code = 'HA-SF'), '2017-T1', '2017-01-01', '2017-04-30',
	 'Volymökning individ- och familjeomsorg, barn och vuxna', -3000000),
	((SELECT id FROM units WHERE code = 'HA-SF'), '2017-T1', '2017-01-01', '2017-04-30',
	 'Effektivisering av boende, egen regi', 1000000);

-- ==== internal control (seed 002: none followed up at T1) ===================================

INSERT INTO internal_controls (unit_id, year, process, control, method, frequency,
	responsible, synthetic) VALUES
	((SELECT id FROM units WHERE code = 'HA-SF'), 2017, 'Utbetalning av ekonomiskt bistånd',
	 'Beslut om bistånd är fattade enligt delegationsordningen', 'Stickprov', 'Per tertial',
	 'Avdelningschef Vuxen', 1),
	((SELECT id FROM units WHERE code = 'HA-SF'), 2017, 'Lex Sarah',
	 'Rapporter utreds och bedöms inom fastställd tid', 'Genomgång av registret',
	 'Per tertial', 'Kvalitetsstrateg', 1);

-- ==== audits ================================================================================

INSERT INTO audits (unit_id, kind, subject, done_on, findings) VALUES
	((SELECT id FROM units WHERE code = 'TY-BUE'), 'intern',
	 'Granskning av barn- och ungdomsenheten, bland annat handläggningstiden under 2017',
	 '2018-04-16',
	 'Utredningsgruppen överskred den lagstadgade tidsgränsen om fyra månader i 49 procent av utredningarna; för ensamkommande i 19 procent. Skydds- och förhandsbedömningar gjordes inom tid. Genomsnittlig utredningstid 100 dagar. En åtgärdsplan har tagits fram.'),
	((SELECT id FROM units WHERE code = 'TY-HSB'), 'intern',
	 'Uppföljande granskning av Hästskons stödboende', '2018-05-21',
	 'Tidigare konstaterade brister åtgärdade; fortsatt utvecklingsbehov att säkerställa kontinuiteten i ledarskapet.'),
	((SELECT id FROM units WHERE code = 'TY-IFO-KR'), 'intern',
	 'Uppföljande granskning av det kommunala boendestödet', '2018-05-28',
	 'Två av de tidigare bristerna åtgärdade; fortsatt utvecklingsbehov att säkerställa kontinuiteten i ledarskapet och att utveckla genomförandeplanerna.'),
	((SELECT id FROM units WHERE code = 'TY-HSB'), 'ivo',
	 'IVO:s granskning av stödboendena 34:an, 54:an och 57:an för barn och unga', '2018-10-09',
	 'Inget att anmärka förutom att dokumentationen om när uppföljning ska ske i genomförandeplanerna behöver förbättras.'),
	((SELECT id FROM units WHERE code = 'TY-VUE'), 'avtal',
	 'Uppföljning av den gemensamt upphandlade missbruksvården, tillsammans med Nacka och Värmdö kommun',
	 '2017-06-15',
	 'En brist gäller verksamheternas egen avvikelserapportering. En kompletterande uppföljning genomförs i september.');

-- ==== actions ===============================================================================

-- Seed 000: the plan for a budget in balance (kommunstyrelsens uppdrag), followed up for the
-- committee on 2018-09-26 and in the VB; and the action plan of the review of BUE.
INSERT INTO actions (unit_id, title, origin_kind, origin_id, decision_ref, owner, due_on,
	status) VALUES
	((SELECT id FROM units WHERE code = 'TY-IFO'),
	 'Optimal blandning av egna insatser inom kommunen och externa placeringar', 'budget',
	 (SELECT id FROM units WHERE code = 'TY-IFO'),
	 'Kommunstyrelsens uppdrag: plan för budget i balans', 'Individ- och familjeomsorgen',
	 NULL, 'pagaende'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Behandlingsskolor', 'budget',
	 (SELECT id FROM units WHERE code = 'TY-IFO'),
	 'Kommunstyrelsens uppdrag: plan för budget i balans', 'Individ- och familjeomsorgen',
	 NULL, 'genomford'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Minskat nyttjande av socialsekreterarkonsulter',
	 'budget', (SELECT id FROM units WHERE code = 'TY-IFO'),
	 'Ytterligare identifierad åtgärd, verksamhetsberättelse 2018', 'Individ- och familjeomsorgen',
	 NULL, 'pagaende'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Avveckling av den egna boendekedjan',
	 'budget', (SELECT id FROM units WHERE code = 'TY-IFO'),
	 'Ytterligare identifierad åtgärd, verksamhetsberättelse 2018', 'Individ- och familjeomsorgen',
	 '2019-12-31', 'planerad'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Anställningsstopp med återanställningsprövning',
	 'budget', (SELECT id FROM units WHERE code = 'TY-IFO'),
	 'Infört 1 november 2018, till och med 31 mars 2019', 'Förvaltningschefen', '2019-03-31',
	 'pagaende');
UPDATE actions SET decided_on = '2018-11-01' WHERE title LIKE 'Anställningsstopp%';
INSERT INTO actions (unit_id, title, origin_kind, origin_id, decided_on, owner, status)
VALUES ((SELECT id FROM units WHERE code = 'TY-BUE'),
	'Åtgärdsplan för handläggningstiderna i barn- och ungdomsenheten', 'audit',
	(SELECT id FROM audits WHERE subject LIKE 'Granskning av barn- och ungdomsenheten%'),
	'2018-04-30', 'Enhetschef Barn- och ungdomsenheten', 'pagaende');

INSERT INTO action_follow_ups (action_id, followed_on, text, status)
SELECT a.id, '2018-09-26', 'Uppföljning av åtgärderna till och med augusti redovisad för socialnämnden; prognosen i delårsrapport 2 förutsätter att åtgärderna genomförs.',
	CASE a.title WHEN 'Behandlingsskolor' THEN 'genomford' ELSE 'pagaende' END
FROM actions a WHERE a.decision_ref = 'Kommunstyrelsens uppdrag: plan för budget i balans';
INSERT INTO action_follow_ups (action_id, followed_on, text, status)
SELECT a.id, '2018-12-31', CASE a.title
	WHEN 'Behandlingsskolor' THEN 'Genom samarbete med elevhälsovården har de elever som behöver insatsen identifierats: en mer rättssäker bedömning och minskade kostnader.'
	WHEN 'Minskat nyttjande av socialsekreterarkonsulter' THEN 'Nyttjandet av konsulter har minskat och verksamheten strävar efter att minska behovet ytterligare.'
	WHEN 'Avveckling av den egna boendekedjan' THEN 'Mottagandet av ensamkommande har kraftigt minskat; boendekedjan avvecklas under 2019.'
	WHEN 'Anställningsstopp med återanställningsprövning' THEN 'Infört den 1 november; nödvändiga tjänster prövas i samråd med förvaltningschefen.'
	ELSE 'Insatsgrupp följer samtliga placeringar; fler egna arvoderade familje- och jourhem och fler lägenheter har minskat dyrare externa placeringar.' END,
	a.status
FROM actions a WHERE a.origin_kind = 'budget'
	AND a.unit_id = (SELECT id FROM units WHERE code = 'TY-IFO');

-- Seed 003: the committee's measures 2017 and their follow-up in the interim report of August.
INSERT INTO actions (unit_id, title, origin_kind, decided_on, decision_ref, owner, due_on,
	status) VALUES
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Reviderad delegationsordning för ökad kostnadskontroll',
	 'committee', '2017-03-29', 'Socialnämnden 2017-03-29', 'Förvaltningschefen', '2017-05-01',
	 'genomford'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Säkra överskott i de verksamheter där det finns förutsättningar',
	 'committee', '2017-04-26', 'Socialnämnden 2017-04-26, ekonomisk uppföljning per 31 mars',
	 'Förvaltningschefen', NULL, 'genomford'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Föreslå ändrade riktlinjer för missbruks- och beroendevård och för barn- och ungdomsvård',
	 'committee', '2017-04-26', 'Socialnämnden 2017-04-26, ekonomisk uppföljning per 31 mars',
	 'Förvaltningschefen', '2017-11-30', 'pagaende'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Säkerställa rutiner för återsökning av kostnader från Migrationsverket',
	 'committee', '2017-04-26', 'Socialnämnden 2017-04-26, ekonomisk uppföljning per 31 mars',
	 'Förvaltningschefen', NULL, 'genomford'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Rekrytera egna jour- och familjehem för att sänka placeringskostnaderna',
	 'committee', '2016-12-21', 'Socialnämnden 2016-12-21', 'Förvaltningschefen', NULL,
	 'pagaende'),
	((SELECT id FROM units WHERE code = 'TY-IFO'), 'Avtala med fastighetsägare för att säkra tillgången på lägenheter',
	 'committee', '2016-12-21', 'Socialnämnden 2016-12-21', 'Förvaltningschefen', NULL,
	 'pagaende');

INSERT INTO action_follow_ups (action_id, followed_on, text, status)
SELECT a.id, '2017-08-31', CASE a.title
	WHEN 'Reviderad delegationsordning för ökad kostnadskontroll' THEN 'Förändringarna i delegationsordningen har ännu inte medfört några kostnadsminskningar.'
	WHEN 'Säkra överskott i de verksamheter där det finns förutsättningar' THEN 'Överskott har säkrats inom omsorgen om personer med funktionsnedsättning samt inom äldreomsorgens myndighetsutövning.'
	WHEN 'Säkerställa rutiner för återsökning av kostnader från Migrationsverket' THEN 'Socialförvaltningen har fungerande rutiner för återsökning av kostnader för vård och omsorg från Migrationsverket.'
	WHEN 'Föreslå ändrade riktlinjer för missbruks- och beroendevård och för barn- och ungdomsvård' THEN 'Beslut om riktlinjerna kommer att tas av socialnämnden i november.'
	ELSE 'Många av de barn och ungdomar som behövt placering i familjehem har haft så omfattande problematik att de inte kunnat placeras i vanliga familjer.' END,
	a.status
FROM actions a WHERE a.origin_kind = 'committee';

-- ==== complaints ============================================================================

-- Seed 000: six in 2018 (synthetic days; the seed gives their subjects, not their handling).
INSERT INTO complaints (unit_id, received_on, channel, kind, category, summary, handled_on,
	outcome, synthetic) VALUES
	((SELECT id FROM units WHERE code = 'TY-RE'), '2018-02-12', 'e-post', 'klagomal',
	 'Öppna förskolan', 'Missnöje med de nya direktiven inom öppna förskolan för föräldralediga på deltid.',
	 '2018-03-05', 'ovrigt', 1),
	((SELECT id FROM units WHERE code = 'TY-FVE'), '2018-04-09', 'brev', 'klagomal',
	 'Familjerådgivning', 'Missnöje med att inga familjerådgivare finns inom kommunen.',
	 '2018-04-30', 'hanvisat', 1),
	((SELECT id FROM units WHERE code = 'TY-BUE'), '2018-05-14', 'telefon', 'klagomal',
	 'Bemötande och stöd', 'Missnöje med bemötande och stöd hos myndigheten.', '2018-06-04',
	 'ovrigt', 1),
	((SELECT id FROM units WHERE code = 'TY-FSE'), '2018-08-20', 'e-tjänst', 'klagomal',
	 'Bemötande och stöd', 'Missnöje med bemötande och stöd hos myndigheten.', '2018-09-10',
	 'ovrigt', 1),
	((SELECT id FROM units WHERE code = 'TY-VUE'), '2018-10-01', 'telefon', 'klagomal',
	 'Bemötande och stöd', 'Missnöje med bemötande och stöd hos myndigheten.', '2018-10-22',
	 'ovrigt', 1),
	((SELECT id FROM units WHERE code = 'TY-ERM'), '2018-11-19', 'e-post', 'klagomal',
	 'Bemötande och stöd', 'Missnöje med bemötande och stöd hos myndigheten.', '2018-12-10',
	 'ovrigt', 1);

-- Seed 002: four January–April 2017; three closed without action (nedlagda), one still
-- handled at the end of April.
INSERT INTO complaints (unit_id, received_on, channel, kind, category, summary, handled_on,
	outcome, synthetic) VALUES
	((SELECT id FROM units WHERE code = 'HA-FN'), '2017-01-24', 'e-tjänst', 'klagomal',
	 'Verksamhet på entreprenad', 'Klagomål på en av verksamheterna som drivs på entreprenad.',
	 '2017-02-21', 'ej_atgardat', 1),
	((SELECT id FROM units WHERE code = 'HA-FN'), '2017-04-10', 'brev', 'synpunkt',
	 'Handläggning enligt LSS', 'Synpunkt på handläggning enligt LSS.', NULL, NULL, 1),
	((SELECT id FROM units WHERE code = 'HA-VU'), '2017-02-15', 'e-post', 'synpunkt',
	 'Ansökan om försörjningsstöd', 'Synpunkt på inlämningsrutinerna vid ansökan om försörjningsstöd.',
	 '2017-03-08', 'ej_atgardat', 1),
	((SELECT id FROM units WHERE code = 'HA-BB'), '2017-03-06', 'telefon', 'klagomal',
	 'LSS-boende i egen regi', 'Klagomål på ett LSS-boende i egen regi.', '2017-03-27',
	 'ej_atgardat', 1);

-- ==== work-environment incidents (seed 002) =================================================

-- Per avdelning and kind: Barn och unga 2/2/0, Vuxen 10/3/4, Arbete, sysselsättning och
-- assistans 28/9/2, Social omsorg 1/1/1, Boende och boendestöd 24/3/0 (tillbud, olycksfall,
-- egendom/säkerhet).  Days are spread over January–April.
INSERT INTO incidents (unit_id, occurred_on, kind, status, synthetic)
WITH RECURSIVE counts(code, kind, n) AS (VALUES
	('HA-BU', 'tillbud', 2), ('HA-BU', 'olycksfall', 2),
	('HA-VU', 'tillbud', 10), ('HA-VU', 'olycksfall', 3), ('HA-VU', 'egendom_sakerhet', 4),
	('HA-ASA', 'tillbud', 28), ('HA-ASA', 'olycksfall', 9), ('HA-ASA', 'egendom_sakerhet', 2),
	('HA-SO', 'tillbud', 1), ('HA-SO', 'olycksfall', 1), ('HA-SO', 'egendom_sakerhet', 1),
	('HA-BB', 'tillbud', 24), ('HA-BB', 'olycksfall', 3)),
seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < 28)
SELECT (SELECT id FROM units WHERE code = c.code), date('2017-01-02', '+' || ((s.k * 37 +
	length(c.code) * 11) % 118) || ' days'), c.kind, 'anmald', 1
FROM counts c JOIN seq s ON s.k <= c.n
ORDER BY c.code, c.kind, s.k;

-- 22 investigated ("färdigutredda"); 60 of the tillbud and olycksfall concern hot och våld.
UPDATE incidents SET status = 'utredd' WHERE synthetic = 1 AND id IN
	(SELECT id FROM incidents WHERE synthetic = 1 ORDER BY occurred_on, id LIMIT 22);
UPDATE incidents SET category = 'Hot och våld' WHERE synthetic = 1 AND id IN
	(SELECT id FROM incidents WHERE synthetic = 1 AND kind IN ('tillbud', 'olycksfall')
	 ORDER BY id LIMIT 60);
