-- Demo data for the economy beyond the operating budget, drawn from the seeds' published
-- figures (tkr in the seeds, kronor here; costs negative, income positive, as in the ledger).
-- Lines go through the budget_lines triggers like any single write, so the aggregates are
-- built exactly as in production.

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
