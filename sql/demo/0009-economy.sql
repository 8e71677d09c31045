-- Demo data for the economy beyond the operating budget, drawn from the seeds' published
-- figures (tkr in the seeds, kronor here; costs negative, income positive, as in the ledger).
-- Lines go through the budget_lines triggers like any single write, so the aggregates are
-- built exactly as in production.  Nothing here is synthetic: where a seed gives a total
-- only, the total is booked once and no split is made up.

-- ---------------------------------------------------------------- code lists
-- The demo's activity codes are the seeds' own row labels, so each names itself; the sort
-- follows the order the seeds print them in.
INSERT INTO activities (code, name, sort) VALUES
	-- seed 001, "Detaljer underliggande verksamheter" (Tyresö 2021)
	('Gemensamt IFO', 'Gemensamt IFO', 101),
	('Vård för vuxna med missbruksproblem', 'Vård för vuxna med missbruksproblem', 102),
	('Barn- och ungdomsvård', 'Barn- och ungdomsvård', 103),
	('Övriga insatser till vuxna', 'Övriga insatser till vuxna', 104),
	('Ekonomiskt bistånd', 'Ekonomiskt bistånd', 105),
	('Familjerätt och familjerådgivning', 'Familjerätt och familjerådgivning', 106),
	('Socialpsykiatri', 'Socialpsykiatri', 107),
	('Ensamkommande barn & ungdom', 'Ensamkommande barn & ungdom', 108),
	('Arbetsmarknad', 'Arbetsmarknad', 111),
	('Integration', 'Integration', 112),
	-- seeds 000 and 003 (Tyresö IFO 2017–2018)
	('Gemensamt/Administration', 'Gemensamt/Administration', 201),
	('Institutionsvård vuxna', 'Institutionsvård vuxna', 202),
	('Placeringar vuxna', 'Placeringar vuxna', 203),
	('Institutionsvård barn & ungdom', 'Institutionsvård barn & ungdom', 204),
	('Placeringar barn & ungdom', 'Placeringar barn & ungdom', 205),
	('Familjehem vuxna', 'Familjehem vuxna', 206),
	('Familjehem barn & ungdom', 'Familjehem barn & ungdom', 207),
	('Jourhem barn & ungdom', 'Jourhem barn & ungdom', 208),
	('Öppna insatser vuxna', 'Öppna insatser vuxna', 209),
	('Öppna insatser barn & ungdom', 'Öppna insatser barn & ungdom', 210),
	('Familjerätt & familjerådgivning', 'Familjerätt & familjerådgivning', 212),
	('Ensamkommande', 'Ensamkommande', 213),
	('Ensamkommande gemensamt/administration', 'Ensamkommande gemensamt/administration', 214),
	('Flyktingmottagande', 'Flyktingmottagande', 215),
	-- seed 002 (Haninge T1 2017), the per-verksamhet tables
	('Insatser SoL, vuxna', 'Insatser SoL, vuxna', 301),
	('Insatser LSS, barn och vuxna', 'Insatser LSS, barn och vuxna', 302),
	('Handläggning, ledning och administration inkl. Resursteamet (HSL)',
	 'Handläggning, ledning och administration inkl. Resursteamet (HSL)', 303),
	('Drogpreventionssamordnare mm', 'Drogpreventionssamordnare mm', 311),
	('Individ- och familjeomsorg, barn och unga', 'Individ- och familjeomsorg, barn och unga',
	 312);

-- Seed 001, "Resultaträkning per verksamhetsområde": income with its varav row, the costs
-- under a group whose subtotal is "Summa kostnader".
INSERT INTO accounts (code, name, kind, parent, sort) VALUES
	('Externa och interna intäkter', 'Externa och interna intäkter', 'account', NULL, 1),
	('Kostnader', 'Kostnader', 'group', NULL, 3);
INSERT INTO accounts (code, name, kind, parent, sort) VALUES
	('Statlig ersättning Covid-19', 'varav statlig ersättning Covid-19', 'varav',
	 'Externa och interna intäkter', 2),
	('Personalkostnader', 'Personalkostnader', 'account', 'Kostnader', 4),
	('Kostnader för köp av verksamhet', 'Kostnader för köp av verksamhet', 'account',
	 'Kostnader', 5),
	('Övriga kostnader', 'Övriga kostnader', 'account', 'Kostnader', 6);

-- ---------------------------------------------------------------- seed 001: varav Covid-19
-- "varav statlig ersättning Covid-19": IFO 959 (2021) and 357 (2020), Arbetsmarknad och
-- Integration 192 (2021).  The compensation is part of "Externa och interna intäkter", so
-- it moves out of that line onto its varav account: the account's row (its own lines and its
-- varav) stays as printed.  It stays on the activity that carries the demo's cost-type split
-- (sql/demo/0002-budget.sql), so the activity table is unchanged too.
UPDATE budget_lines SET amount_kr = amount_kr - 959000
	WHERE unit_id = (SELECT id FROM units WHERE code = 'TY-IFO') AND year = 2021
	AND measure = 'outcome' AND activity = 'Ensamkommande barn & ungdom'
	AND account = 'Externa och interna intäkter';
UPDATE budget_lines SET amount_kr = amount_kr - 357000
	WHERE unit_id = (SELECT id FROM units WHERE code = 'TY-IFO') AND year = 2020
	AND measure = 'outcome' AND activity = 'Ensamkommande barn & ungdom'
	AND account = 'Externa och interna intäkter';
UPDATE budget_lines SET amount_kr = amount_kr - 192000
	WHERE unit_id = (SELECT id FROM units WHERE code = 'TY-AMI') AND year = 2021
	AND measure = 'outcome' AND activity = 'Integration'
	AND account = 'Externa och interna intäkter';
INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr)
SELECT (SELECT id FROM units WHERE code = v.column1), v.column2,
	'Statlig ersättning Covid-19', v.column3, 12, 'outcome', v.column4
FROM (VALUES
	('TY-IFO', 'Ensamkommande barn & ungdom', 2021, 959000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 2020, 357000),
	('TY-AMI', 'Integration', 2021, 192000)) AS v;

-- ---------------------------------------------------------------- seed 001: Agenda 2030
-- Goal area 4 ("Hållbar ekonomi"): "bidragit till mål 12 och 13 i Agenda 2030".
UPDATE goals SET agenda2030 = '[12,13]'
	WHERE level = 'malomrade' AND year_from = 2021 AND sort = 4
	AND unit_id = (SELECT id FROM units WHERE code = 'TY-ASF');

-- ---------------------------------------------------------------- seed 003: flyktingmottagande
-- Tyresö IFO through August 2017, "Flykting myndighet" and "Flykting kommunal regi".
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-FLY-MYN',
	'Flyktingmottagande myndighet', 'avdelning', 'myndighet',
	(SELECT id FROM units WHERE code = 'TY-IFO'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-FLY-KR',
	'Flyktingmottagande kommunal regi', 'avdelning', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'TY-IFO'));

-- Myndighet: the kommunbidrag for January–August, 10 664, is the budget of the net cost (as
-- for IFO myndighet in sql/demo/0002-budget.sql, extrapolated to the year × 12/8 so that it
-- periodises back exactly).  The outcome is the income (Migrationsverket's compensation,
-- 42 416) and the costs (−52 636), whose net is the printed "Nettoresultat −10 221" (the
-- printed rows give −10 220: the amounts are chosen within half a krona-thousand of each
-- row, so both round back).  Outcome against budget is the printed "Totalt
-- flyktingmottagande" result, 443.  The printed årsprognos −13 500 is the year's net, so it
-- is the forecast itself.
-- Kommunal regi has no kommunbidrag: income 4 969, costs −5 409, net −439 as printed (the
-- rows give −440), and the forecast is the printed −600.
INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr)
SELECT (SELECT id FROM units WHERE code = v.column1), v.column2, v.column3, 2017, v.column4,
	v.column5, v.column6
FROM (VALUES
	('TY-FLY-MYN', 'Flyktingmottagande', NULL, NULL, 'budget', -15996000),
	('TY-FLY-MYN', 'Flyktingmottagande', 'Externa och interna intäkter', 8, 'outcome', 42415600),
	('TY-FLY-MYN', 'Flyktingmottagande', 'Övriga kostnader', 8, 'outcome', -52636400),
	('TY-FLY-MYN', 'Flyktingmottagande', NULL, 8, 'forecast', -13500000),
	('TY-FLY-KR', 'Gemensamt/Administration', 'Externa och interna intäkter', 8, 'outcome',
	 4969400),
	('TY-FLY-KR', 'Gemensamt/Administration', 'Övriga kostnader', 8, 'outcome', -5408600),
	('TY-FLY-KR', 'Gemensamt/Administration', NULL, 8, 'forecast', -600000)) AS v;

-- ---------------------------------------------------------------- seed 002: the budget frame
-- "Förvaltningens budgetram": the committee's frame by KF's decision of 13 June 2016 § 215,
-- then three revisions (803 + 270 + 2 781 = 3 854), "Ny budgetram 2017 853 854".  The
-- revisions are the committee's own budget changes (HA-SN's lines), booked in December, so
-- the January–April budget the T1 tables print is untouched; HA-SN's original December line
-- gives up the same amount, so every printed budget stays as it is.  Every original 2017
-- budget line of Haninge carries the June 2016 decision.  (The per-avdelning budgets add up
-- to 853 855, one more than the printed frame: the original is therefore 850 001 here.)
UPDATE budget_lines SET decided_on = '2016-06-13',
	decision_ref = 'KF 2016-06-13 § 215: nämndens ram'
	WHERE year = 2017 AND measure = 'budget' AND unit_id IN (SELECT id FROM units
	WHERE code IN ('HA-SN', 'HA-FG', 'HA-FN', 'HA-BU', 'HA-VU', 'HA-SO', 'HA-BB', 'HA-ASA'));
UPDATE budget_lines SET amount_kr = amount_kr + 3854000
	WHERE unit_id = (SELECT id FROM units WHERE code = 'HA-SN') AND year = 2017
	AND month = 12 AND measure = 'budget' AND activity IS NULL;
INSERT INTO budget_lines (unit_id, year, month, measure, amount_kr, budget_kind, decided_on,
	decision_ref)
SELECT (SELECT id FROM units WHERE code = 'HA-SN'), 2017, 12, 'budget', v.column1, 'change',
	v.column2, v.column3
FROM (VALUES
	(-803000, '2016-12-05', 'KF 2016-12-05 § 350: ändrad debiteringsmodell för IT-kostnader'),
	(-270000, '2017-03-06', 'KF 2017-03-06 § 33: projektorganisation för heltid för alla som '
	 || 'så önskar'),
	(-2781000, '2017-04-18', 'KF 2017-04-18 § 91: resultatöverföring av tidigare års '
	 || 'överskott')) AS v;

-- ---------------------------------------------------------------- seed 002: årsprognos
-- "Prognos, specificerad": the previous month's forecast was a budget in balance for every
-- avdelning (0 against the budget), the April forecast is sql/demo/0002-budget.sql's.  The
-- March forecast of each ledger cell is therefore its annual budget.
INSERT INTO budget_lines (unit_id, activity, year, month, measure, amount_kr)
SELECT b.unit_id, b.activity, 2017, 3, 'forecast', sum(b.amount_kr)
FROM budget_lines b JOIN units u ON u.id = b.unit_id
WHERE u.code IN ('HA-SN', 'HA-FG', 'HA-FN', 'HA-BU', 'HA-VU', 'HA-SO', 'HA-BB', 'HA-ASA')
	AND b.year = 2017 AND b.measure = 'budget' AND b.ledger = 'drift'
GROUP BY b.unit_id, b.activity;

-- ---------------------------------------------------------------- seed 002: investments
-- "Nämndens investeringsbudget för 2017 är 5 mnkr ... Under året har 0,5 mnkr av
-- investeringsbudgeten förbrukats. Hälften av dessa medel har gått till anpassning av 6
-- boendeplatser på Vädersjövägen. Övriga investeringar inkluderar säkerhetsskåp ...,
-- bildskärmar ... och ... brandlarm på Folkparkens stödboende. ... Förvaltningen bedömer att
-- 4 mnkr av årets investeringsbudget kommer att förbrukas."  The budget and the forecast are
-- the committee's, on no project; the spending is split as the text says.
INSERT INTO budget_lines (unit_id, project, year, month, measure, amount_kr, ledger)
SELECT (SELECT id FROM units WHERE code = 'HA-SN'), v.column1, 2017, v.column2, v.column3,
	v.column4, 'investering'
FROM (VALUES
	(NULL, NULL, 'budget', -5000000),
	('Anpassning boendeplatser Vädersjövägen', 4, 'outcome', -250000),
	('Övriga: säkerhetsskåp, bildskärmar, brandlarm', 4, 'outcome', -250000),
	(NULL, 4, 'forecast', -4000000)) AS v;
