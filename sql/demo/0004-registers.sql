-- Demo registers: synthetic, de-identified lex Sarah reports and decisions not executed whose
-- aggregates reproduce the figures the seeds publish.  References are invented; no row
-- describes a real person.  tests/test_registers_demo.c checks every figure through the API.
--
--   seed 001 (Tyresö VB 2021): lex Sarah per category sekretess/informationssäkerhet 2,
--     rättssäkerhet/handläggning 2, system 1, utförande insats 2; three allvarliga
--     missförhållanden notified to IVO, four without missförhållande.  Decisions not executed
--     in 2021 per type: kontaktfamilj 1, öppenvård (familjebehandling) 9, familjehem 1,
--     kontaktperson 2.
--   seed 000 (Tyresö VB 2018): no lex Sarah reports; decisions not executed per quarter:
--     Q1 5 familjehem, Q2 none, Q3 2 kontaktfamilj, Q4 1 kontaktfamilj.
--   seed 003 (Tyresö delår 2 2017): per 31 August 82 SoL decisions, 58 familjehem, 21
--     öppenvård and 3 interruptions in öppenvård; two lex Sarah reports January–August, none
--     notified to IVO.
--   seed 002 (Haninge T1 2017): 17 lex Sarah reports January–April per avdelning
--     (Funktionsnedsättning 2, Barn och unga 3, Vuxen 2, Arbete, sysselsättning och assistans
--     1, Social omsorg 1, Boende och boendestöd 8), one allvarlig risk notified to IVO.

-- ==== lex Sarah ==============================================================================

-- Tyresö 2021 (seed 001)
INSERT INTO lex_sarah_reports (reference, unit_id, law, reported_on, occurred_on, category,
	summary, status, investigation_done_on, outcome, ivo_notified_on, measures) VALUES
	('LS-2021-01', (SELECT id FROM units WHERE code = 'TY-FSE'), 'SoL', '2021-02-08', '2021-02-03',
	 'sekretess_informationssakerhet', 'Utredning skickad till fel mottagare.', 'avslutad',
	 '2021-03-19', 'allvarligt_missforhallande', '2021-02-22', 'Rutin för utskick reviderad; utbildning i informationssäkerhet.'),
	('LS-2021-02', (SELECT id FROM units WHERE code = 'TY-BUE'), 'SoL', '2021-03-15', '2021-03-10',
	 'sekretess_informationssakerhet', 'Uppgifter lämnades ut muntligt utan samtycke.', 'avslutad',
	 '2021-04-22', 'inget_missforhallande', NULL, 'Genomgång av sekretessregler på APT.'),
	('LS-2021-03', (SELECT id FROM units WHERE code = 'TY-VUE'), 'SoL', '2021-04-12', '2021-03-29',
	 'rattssakerhet_handlaggning', 'Ansökan registrerades inte och handläggningen fördröjdes.', 'avslutad',
	 '2021-05-20', 'inget_missforhallande', NULL, 'Kontroll av inkommande post införd.'),
	('LS-2021-04', (SELECT id FROM units WHERE code = 'TY-ERM'), 'SoL', '2021-06-07', '2021-06-01',
	 'rattssakerhet_handlaggning', 'Orosanmälan bedömdes inte inom 14 dagar.', 'avslutad',
	 '2021-07-16', 'inget_missforhallande', NULL, 'Bevakning av skyddsbedömningar i verksamhetssystemet.'),
	('LS-2021-05', (SELECT id FROM units WHERE code = 'TY-FS'), 'SoL', '2021-08-23', '2021-08-20',
	 'system', 'Verksamhetssystemet visade inte aktuella beslut för handläggarna.', 'avslutad',
	 '2021-10-01', 'allvarligt_missforhallande', '2021-09-06', 'Felanmälan till leverantör; manuell kontroll tills vidare.'),
	('LS-2021-06', (SELECT id FROM units WHERE code = 'TY-HSB'), 'SoL', '2021-09-27', '2021-09-24',
	 'utforande_insats', 'Planerat stöd uteblev vid två tillfällen.', 'avslutad',
	 '2021-11-05', 'allvarligt_missforhallande', '2021-10-11', 'Ny schemaläggning och överlämningsrutin.'),
	('LS-2021-07', (SELECT id FROM units WHERE code = 'TY-RE'), 'SoL', '2021-11-08', '2021-11-02',
	 'utforande_insats', 'Behandlingssamtal ställdes in utan att familjen underrättades.', 'avslutad',
	 '2021-12-13', 'inget_missforhallande', NULL, 'Rutin för avbokning förtydligad.');

-- Tyresö January–August 2017 (seed 003): two reports, neither notified to IVO.
INSERT INTO lex_sarah_reports (reference, unit_id, law, reported_on, occurred_on, category,
	summary, status, investigation_done_on, outcome, ivo_notified_on, measures) VALUES
	('LS-2017-01', (SELECT id FROM units WHERE code = 'TY-BUE'), 'SoL', '2017-03-14', '2017-03-09',
	 'bemotande', 'Klagomål på bemötande vid hembesök.', 'avslutad', '2017-04-25',
	 'inget_missforhallande', NULL, 'Samtal med berörd personal.'),
	('LS-2017-02', (SELECT id FROM units WHERE code = 'TY-VUE'), 'SoL', '2017-06-20', '2017-06-12',
	 'rattssakerhet_handlaggning', 'Beslut expedierades inte till den enskilde.', 'avslutad', '2017-08-11',
	 'risk_for_missforhallande', NULL, 'Checklista för expediering införd.');

-- Haninge January–April 2017 (seed 002): 17 reports per avdelning, one notified to IVO.
-- Six investigations were still open at the end of April ("något för långa
-- utredningstiderna") and were finished in May and June.
INSERT INTO lex_sarah_reports (reference, unit_id, law, reported_on, occurred_on, category,
	summary, status, investigation_done_on, outcome, ivo_notified_on, measures) VALUES
	('HA-LS-1701', (SELECT id FROM units WHERE code = 'HA-FN'), 'LSS', '2017-01-16', '2017-01-12',
	 'rattssakerhet_handlaggning', 'Beslut om insats fattades utan aktuell utredning.', 'avslutad', '2017-03-01',
	 'risk_for_missforhallande', NULL, 'Rutin för uppföljning av beslut.'),
	('HA-LS-1702', (SELECT id FROM units WHERE code = 'HA-FN'), 'LSS', '2017-03-20', '2017-03-15',
	 'bemotande', 'Brister i bemötande vid telefonkontakt.', 'avslutad', '2017-05-22',
	 'inget_missforhallande', NULL, 'Samtal med berörd personal.'),
	('HA-LS-1703', (SELECT id FROM units WHERE code = 'HA-BU'), 'SoL', '2017-01-23', '2017-01-20',
	 'rattssakerhet_handlaggning', 'Utredningstiden överskreds utan beslut om förlängning.', 'avslutad', '2017-03-10',
	 'inget_missforhallande', NULL, 'Bevakning av utredningstider.'),
	('HA-LS-1704', (SELECT id FROM units WHERE code = 'HA-BU'), 'SoL', '2017-02-13', '2017-02-08',
	 'sekretess_informationssakerhet', 'Handling skickades till fel adress.', 'avslutad', '2017-03-24',
	 'risk_for_missforhallande', NULL, 'Kontroll av adressuppgifter före utskick.'),
	('HA-LS-1705', (SELECT id FROM units WHERE code = 'HA-BU'), 'SoL', '2017-04-10', '2017-04-06',
	 'bemotande', 'Kränkande uttryck i dokumentation.', 'avslutad', '2017-06-09',
	 'risk_for_missforhallande', NULL, 'Genomgång av dokumentationsrutiner.'),
	('HA-LS-1706', (SELECT id FROM units WHERE code = 'HA-VU'), 'SoL', '2017-02-06', '2017-02-01',
	 'rattssakerhet_handlaggning', 'Ansökan om stöd handlades inte skyndsamt.', 'avslutad', '2017-03-17',
	 'inget_missforhallande', NULL, 'Genomgång av ärendefördelning.'),
	('HA-LS-1707', (SELECT id FROM units WHERE code = 'HA-VU'), 'SoL', '2017-03-27', '2017-03-22',
	 'utforande_insats', 'Överenskommen insats påbörjades inte.', 'avslutad', '2017-04-28',
	 'inget_missforhallande', NULL, 'Uppföljning av verkställighet.'),
	('HA-LS-1708', (SELECT id FROM units WHERE code = 'HA-ASA'), 'LSS', '2017-02-20', '2017-02-17',
	 'utforande_insats', 'Assistans uteblev vid ett pass.', 'avslutad', '2017-04-03',
	 'risk_for_missforhallande', NULL, 'Reservlista för assistenter.'),
	('HA-LS-1709', (SELECT id FROM units WHERE code = 'HA-SO'), 'SoL', '2017-03-06', '2017-03-02',
	 'bemotande', 'Brister i bemötande i gruppverksamhet.', 'avslutad', '2017-04-13',
	 'inget_missforhallande', NULL, 'Handledning för personalgruppen.'),
	('HA-LS-1710', (SELECT id FROM units WHERE code = 'HA-BB'), 'SoL', '2017-01-09', '2017-01-05',
	 'bemotande', 'Boendestödjare följde inte genomförandeplanen.', 'avslutad', '2017-02-24',
	 'risk_for_missforhallande', NULL, 'Genomgång av genomförandeplaner.'),
	('HA-LS-1711', (SELECT id FROM units WHERE code = 'HA-BB'), 'SoL', '2017-01-30', '2017-01-27',
	 'utforande_insats', 'Läkemedel överlämnades inte enligt rutin.', 'avslutad', '2017-03-31',
	 'allvarlig_risk', '2017-02-10', 'Ny rutin för överlämning; utbildning för all personal.'),
	('HA-LS-1712', (SELECT id FROM units WHERE code = 'HA-BB'), 'SoL', '2017-02-15', '2017-02-14',
	 'bemotande', 'Klagomål på bemötande vid hembesök.', 'avslutad', '2017-03-29',
	 'inget_missforhallande', NULL, 'Samtal med berörd personal.'),
	('HA-LS-1713', (SELECT id FROM units WHERE code = 'HA-BB'), 'SoL', '2017-03-01', '2017-02-27',
	 'utforande_insats', 'Planerat besök uteblev.', 'avslutad', '2017-04-12',
	 'inget_missforhallande', NULL, 'Schemaläggningen ses över.'),
	('HA-LS-1714', (SELECT id FROM units WHERE code = 'HA-BB'), 'SoL', '2017-03-13', '2017-03-09',
	 'rattssakerhet_handlaggning', 'Dokumentation saknades för flera besök.', 'avslutad', '2017-05-19',
	 'inget_missforhallande', NULL, 'Påminnelse om dokumentationsskyldigheten.'),
	('HA-LS-1715', (SELECT id FROM units WHERE code = 'HA-BB'), 'SoL', '2017-03-29', '2017-03-24',
	 'bemotande', 'Boende upplevde sig inte lyssnad på.', 'avslutad', '2017-06-02',
	 'inget_missforhallande', NULL, 'Handledning för personalgruppen.'),
	('HA-LS-1716', (SELECT id FROM units WHERE code = 'HA-BB'), 'SoL', '2017-04-18', '2017-04-13',
	 'utforande_insats', 'Stödet avbröts utan information.', 'avslutad', '2017-06-16',
	 'risk_for_missforhallande', NULL, 'Rutin för information vid ändrat stöd.'),
	('HA-LS-1717', (SELECT id FROM units WHERE code = 'HA-BB'), 'SoL', '2017-04-26', '2017-04-21',
	 'fysisk_miljo_teknik', 'Trygghetslarm fungerade inte.', 'avslutad', '2017-06-21',
	 'inget_missforhallande', NULL, 'Larmen testas varje vecka.');

-- ==== decisions not executed =================================================================

-- Tyresö 2017 (seed 003): 58 familjehem and 21 öppenvård never executed and 3 interrupted
-- öppenvård executions, all reportable at 31 August 2017 and all resolved during the autumn.
INSERT INTO decisions (reference, unit_id, law, inriktning, insats, decided_on, gender,
	executed_on, delay_reason)
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 58)
SELECT printf('TY-17-FH-%02d', n), (SELECT id FROM units WHERE code = 'TY-FVE'), 'SoL',
	'barn_och_familj', 'familjehem', date('2017-01-02', '+' || (2 * n) || ' days'),
	CASE n % 2 WHEN 0 THEN 'K' ELSE 'M' END, date('2017-09-04', '+' || n || ' days'),
	'Placerad i jourhem i väntan på att familjehemmet utreds och godkänns.'
FROM seq;

INSERT INTO decisions (reference, unit_id, law, inriktning, insats, decided_on, gender,
	executed_on, delay_reason)
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 21)
SELECT printf('TY-17-OV-%02d', n), (SELECT id FROM units WHERE code = 'TY-BUE'), 'SoL',
	'barn_och_familj', 'oppenvard_familjebehandling', date('2017-02-01', '+' || (3 * n) || ' days'),
	CASE n % 3 WHEN 0 THEN 'M' ELSE 'K' END, date('2017-09-11', '+' || n || ' days'),
	'Resursbrist i den egna öppenvården.'
FROM seq;

INSERT INTO decisions (reference, unit_id, law, inriktning, insats, decided_on, gender,
	executed_on, delay_reason) VALUES
	('TY-17-AV-01', (SELECT id FROM units WHERE code = 'TY-BUE'), 'SoL', 'barn_och_familj',
	 'oppenvard_familjebehandling', '2016-10-03', 'K', '2016-11-07',
	 'Behandlaren slutade; ny behandlare saknades.'),
	('TY-17-AV-02', (SELECT id FROM units WHERE code = 'TY-BUE'), 'SoL', 'barn_och_familj',
	 'oppenvard_familjebehandling', '2016-10-17', 'M', '2016-11-21',
	 'Behandlaren slutade; ny behandlare saknades.'),
	('TY-17-AV-03', (SELECT id FROM units WHERE code = 'TY-BUE'), 'SoL', 'barn_och_familj',
	 'oppenvard_familjebehandling', '2016-11-14', 'K', '2016-12-12',
	 'Familjen tackade nej till erbjuden tid; ny tid erbjuds.');
-- Their interruptions (sql/0007-registers.sql keeps every interruption of a decision).
INSERT INTO decision_interruptions (decision_id, interrupted_on, resumed_on) VALUES
	((SELECT id FROM decisions WHERE reference = 'TY-17-AV-01'), '2017-03-06', '2017-09-25'),
	((SELECT id FROM decisions WHERE reference = 'TY-17-AV-02'), '2017-03-20', '2017-09-25'),
	((SELECT id FROM decisions WHERE reference = 'TY-17-AV-03'), '2017-04-03', '2017-10-02');

-- Tyresö 2018 (seed 000): Q1 5 familjehem (executed in May), Q3 2 kontaktfamilj (executed in
-- October), Q4 1 kontaktfamilj (executed in January 2019).
INSERT INTO decisions (reference, unit_id, law, inriktning, insats, decided_on, gender,
	executed_on, delay_reason)
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 5)
SELECT printf('TY-18-FH-%02d', n), (SELECT id FROM units WHERE code = 'TY-FVE'), 'SoL',
	'barn_och_familj', 'familjehem', date('2017-11-20', '+' || n || ' days'),
	CASE n % 2 WHEN 0 THEN 'K' ELSE 'M' END, '2018-05-14',
	'Ensamkommande placerad i jourhem; familjehemmet ännu inte godkänt.'
FROM seq;

INSERT INTO decisions (reference, unit_id, law, inriktning, insats, decided_on, gender,
	executed_on, delay_reason) VALUES
	('TY-18-KF-01', (SELECT id FROM units WHERE code = 'TY-FVE'), 'SoL', 'barn_och_familj',
	 'kontaktfamilj', '2018-05-10', 'K', '2018-10-15', 'Lämplig kontaktfamilj saknades.'),
	('TY-18-KF-02', (SELECT id FROM units WHERE code = 'TY-FVE'), 'SoL', 'barn_och_familj',
	 'kontaktfamilj', '2018-05-21', 'M', '2018-10-22', 'Lämplig kontaktfamilj saknades.'),
	('TY-18-KF-03', (SELECT id FROM units WHERE code = 'TY-FVE'), 'SoL', 'barn_och_familj',
	 'kontaktfamilj', '2018-08-20', 'K', '2019-01-21', 'Lämplig kontaktfamilj saknades.'),
	('TY-18-KP-01', (SELECT id FROM units WHERE code = 'TY-VUE'), 'SoL', 'missbruk',
	 'kontaktperson', '2018-02-05', 'M', '2018-03-26', NULL);

-- Tyresö 2021 (seed 001): 9 öppenvård (reportable at the end of Q2), 1 kontaktfamilj (Q3),
-- 1 familjehem (Q3 and Q4) and 2 kontaktperson (Q4); and three decisions that were not late.
INSERT INTO decisions (reference, unit_id, law, inriktning, insats, decided_on, gender,
	executed_on, delay_reason)
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < 8)
SELECT printf('TY-21-OV-%02d', n + 1), (SELECT id FROM units WHERE code = 'TY-BUE'), 'SoL',
	'barn_och_familj', 'oppenvard_familjebehandling', date('2021-02-01', '+' || (7 * n) || ' days'),
	CASE n % 2 WHEN 0 THEN 'K' ELSE 'M' END, date('2021-08-16', '+' || n || ' days'),
	'Kraftig ökning av nya ärenden; Resursenhetens öppenvård räckte inte till.'
FROM seq;

INSERT INTO decisions (reference, unit_id, law, inriktning, insats, decided_on, gender,
	executed_on, closed_on, close_reason, delay_reason) VALUES
	('TY-21-KF-01', (SELECT id FROM units WHERE code = 'TY-FVE'), 'SoL', 'barn_och_familj',
	 'kontaktfamilj', '2021-05-03', 'K', '2021-10-11', NULL, NULL, 'Lämplig kontaktfamilj saknades.'),
	('TY-21-FH-01', (SELECT id FROM units WHERE code = 'TY-FVE'), 'SoL', 'barn_och_familj',
	 'familjehem', '2021-06-14', 'M', '2022-01-17', NULL, NULL,
	 'Svårt att rekrytera familjehem; placerad i jourhem.'),
	('TY-21-KP-01', (SELECT id FROM units WHERE code = 'TY-VUE'), 'SoL', 'missbruk',
	 'kontaktperson', '2021-08-02', 'M', '2022-02-07', NULL, NULL,
	 'Den enskilde tackade nej till erbjuden kontaktperson; nytt erbjudande lämnas.'),
	('TY-21-KP-02', (SELECT id FROM units WHERE code = 'TY-ESP'), 'SoL', 'socialpsykiatri',
	 'kontaktperson', '2021-08-16', 'K', '2022-02-14', NULL, NULL, 'Lämplig kontaktperson saknades.'),
	('TY-21-KP-03', (SELECT id FROM units WHERE code = 'TY-ESP'), 'SoL', 'socialpsykiatri',
	 'kontaktperson', '2021-03-01', 'K', '2021-04-12', NULL, NULL, NULL),
	('TY-21-BS-01', (SELECT id FROM units WHERE code = 'TY-VUE'), 'SoL', 'missbruk',
	 'boendestod', '2021-09-06', 'M', '2021-10-04', NULL, NULL, NULL),
	('TY-21-BH-01', (SELECT id FROM units WHERE code = 'TY-VUE'), 'SoL', 'missbruk',
	 'behandlingshem_hvb', '2021-10-04', 'M', NULL, '2021-11-15', 'aterkallad', NULL);
