-- Demo budget lines drawn from the seeds' published tables, in kronor (the tables are in tkr,
-- so an amount is the printed figure x 1000 unless a comment says otherwise).  Costs are negative, income positive, as in
-- the ledger.  The lines go through the budget_lines triggers like any single write, so the
-- aggregates are built exactly as in production.

-- Seed 001: Tyresö ASN 2021 and 2020, "Detaljer underliggande verksamheter" (per activity)
-- and "Resultaträkning per verksamhetsområde" (per cost type, as accounts): the annual budget
-- (periodised linearly) and the year's outcome, booked in December.  The report prints the two
-- tables rounded from kronor, and they disagree by 1 tkr (IFO 2021: the activities add up to
-- -248 531, the cost types to -248 532).  The amounts below are in kronor, chosen within half a
-- krona-thousand of every printed row so that both printed tables round back exactly (IFO 2021
-- outcome -248 531 400 kr: activities -50 kr each, cost types +150 kr each).  The report does
-- not publish the activity x cost type cross table: here every activity but the last is booked
-- on "Övriga kostnader" and the last activity carries the rest of the cost-type split, which
-- keeps both margins exact.
INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr)
SELECT (SELECT id FROM units WHERE code = v.column1), v.column2, v.column3, v.column4,
	v.column5, v.column6, v.column7
FROM (VALUES
	('TY-IFO', 'Gemensamt IFO', 'Övriga kostnader', 2021, 12, 'outcome', -87501050),
	('TY-IFO', 'Vård för vuxna med missbruksproblem', 'Övriga kostnader', 2021, 12, 'outcome', -28998050),
	('TY-IFO', 'Barn- och ungdomsvård', 'Övriga kostnader', 2021, 12, 'outcome', -61854050),
	('TY-IFO', 'Övriga insatser till vuxna', 'Övriga kostnader', 2021, 12, 'outcome', -4899050),
	('TY-IFO', 'Ekonomiskt bistånd', 'Övriga kostnader', 2021, 12, 'outcome', -27386050),
	('TY-IFO', 'Familjerätt och familjerådgivning', 'Övriga kostnader', 2021, 12, 'outcome', -962050),
	('TY-IFO', 'Socialpsykiatri', 'Övriga kostnader', 2021, 12, 'outcome', -38251050),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Externa och interna intäkter', 2021, 12, 'outcome', 66122150),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Personalkostnader', 2021, 12, 'outcome', -102549850),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Kostnader för köp av verksamhet', 2021, 12, 'outcome', -114522850),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Övriga kostnader', 2021, 12, 'outcome', 152270500),
	('TY-IFO', 'Gemensamt IFO', 'Övriga kostnader', 2021, NULL, 'budget', -85549000),
	('TY-IFO', 'Vård för vuxna med missbruksproblem', 'Övriga kostnader', 2021, NULL, 'budget', -25719000),
	('TY-IFO', 'Barn- och ungdomsvård', 'Övriga kostnader', 2021, NULL, 'budget', -66240000),
	('TY-IFO', 'Övriga insatser till vuxna', 'Övriga kostnader', 2021, NULL, 'budget', -2538000),
	('TY-IFO', 'Ekonomiskt bistånd', 'Övriga kostnader', 2021, NULL, 'budget', -26035000),
	('TY-IFO', 'Familjerätt och familjerådgivning', 'Övriga kostnader', 2021, NULL, 'budget', -643000),
	('TY-IFO', 'Socialpsykiatri', 'Övriga kostnader', 2021, NULL, 'budget', -39085000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Externa och interna intäkter', 2021, NULL, 'budget', 61525000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Personalkostnader', 2021, NULL, 'budget', -103447000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Kostnader för köp av verksamhet', 2021, NULL, 'budget', -110579000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Övriga kostnader', 2021, NULL, 'budget', 152954000),
	('TY-IFO', 'Gemensamt IFO', 'Övriga kostnader', 2020, 12, 'outcome', -82290000),
	('TY-IFO', 'Vård för vuxna med missbruksproblem', 'Övriga kostnader', 2020, 12, 'outcome', -25264000),
	('TY-IFO', 'Barn- och ungdomsvård', 'Övriga kostnader', 2020, 12, 'outcome', -68166000),
	('TY-IFO', 'Övriga insatser till vuxna', 'Övriga kostnader', 2020, 12, 'outcome', -1921000),
	('TY-IFO', 'Ekonomiskt bistånd', 'Övriga kostnader', 2020, 12, 'outcome', -26052000),
	('TY-IFO', 'Familjerätt och familjerådgivning', 'Övriga kostnader', 2020, 12, 'outcome', -830000),
	('TY-IFO', 'Socialpsykiatri', 'Övriga kostnader', 2020, 12, 'outcome', -37341000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Externa och interna intäkter', 2020, 12, 'outcome', 69100000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Personalkostnader', 2020, 12, 'outcome', -97102000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Kostnader för köp av verksamhet', 2020, 12, 'outcome', -118615000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Övriga kostnader', 2020, 12, 'outcome', 145316000),
	('TY-IFO', 'Gemensamt IFO', 'Övriga kostnader', 2020, NULL, 'budget', -81902000),
	('TY-IFO', 'Vård för vuxna med missbruksproblem', 'Övriga kostnader', 2020, NULL, 'budget', -24636000),
	('TY-IFO', 'Barn- och ungdomsvård', 'Övriga kostnader', 2020, NULL, 'budget', -72321000),
	('TY-IFO', 'Övriga insatser till vuxna', 'Övriga kostnader', 2020, NULL, 'budget', -1272000),
	('TY-IFO', 'Ekonomiskt bistånd', 'Övriga kostnader', 2020, NULL, 'budget', -25851000),
	('TY-IFO', 'Familjerätt och familjerådgivning', 'Övriga kostnader', 2020, NULL, 'budget', -795000),
	('TY-IFO', 'Socialpsykiatri', 'Övriga kostnader', 2020, NULL, 'budget', -35829000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Externa och interna intäkter', 2020, NULL, 'budget', 66397000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Personalkostnader', 2020, NULL, 'budget', -99848000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Kostnader för köp av verksamhet', 2020, NULL, 'budget', -114604000),
	('TY-IFO', 'Ensamkommande barn & ungdom', 'Övriga kostnader', 2020, NULL, 'budget', 149554000),
	('TY-AMI', 'Arbetsmarknad', 'Övriga kostnader', 2021, 12, 'outcome', -11362800),
	('TY-AMI', 'Integration', 'Externa och interna intäkter', 2021, 12, 'outcome', 44262850),
	('TY-AMI', 'Integration', 'Personalkostnader', 2021, 12, 'outcome', -27373150),
	('TY-AMI', 'Integration', 'Kostnader för köp av verksamhet', 2021, 12, 'outcome', -290150),
	('TY-AMI', 'Integration', 'Övriga kostnader', 2021, 12, 'outcome', -23520350),
	('TY-AMI', 'Arbetsmarknad', 'Övriga kostnader', 2021, NULL, 'budget', -13359000),
	('TY-AMI', 'Integration', 'Externa och interna intäkter', 2021, NULL, 'budget', 44102000),
	('TY-AMI', 'Integration', 'Personalkostnader', 2021, NULL, 'budget', -30097000),
	('TY-AMI', 'Integration', 'Kostnader för köp av verksamhet', 2021, NULL, 'budget', -400000),
	('TY-AMI', 'Integration', 'Övriga kostnader', 2021, NULL, 'budget', -17691000),
	('TY-AMI', 'Arbetsmarknad', 'Övriga kostnader', 2020, 12, 'outcome', -10244300),
	('TY-AMI', 'Integration', 'Externa och interna intäkter', 2020, 12, 'outcome', 48527100),
	('TY-AMI', 'Integration', 'Personalkostnader', 2020, 12, 'outcome', -25613900),
	('TY-AMI', 'Integration', 'Kostnader för köp av verksamhet', 2020, 12, 'outcome', -391900),
	('TY-AMI', 'Integration', 'Övriga kostnader', 2020, 12, 'outcome', -26345600),
	('TY-AMI', 'Arbetsmarknad', 'Övriga kostnader', 2020, NULL, 'budget', -12572000),
	('TY-AMI', 'Integration', 'Externa och interna intäkter', 2020, NULL, 'budget', 49895000),
	('TY-AMI', 'Integration', 'Personalkostnader', 2020, NULL, 'budget', -29169000),
	('TY-AMI', 'Integration', 'Kostnader för köp av verksamhet', 2020, NULL, 'budget', -400000),
	('TY-AMI', 'Integration', 'Övriga kostnader', 2020, NULL, 'budget', -22217000)) AS v;

-- Seed 000: Tyresö IFO 2018, myndighet and kommunal regi incl. ensamkommande (tkr).  The
-- kommunbidrag is the budget of the net cost, so in the ledger it is a budget of -kommunbidrag;
-- nettokostnad is the outcome and the printed nettoresultat is the deviation.
INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr)
SELECT (SELECT id FROM units WHERE code = v.column1), v.column2, NULL, v.column3, v.column4,
	v.column5, CAST(round(v.column6 * 1000) AS INTEGER)
FROM (VALUES
	('TY-IFO-MYN', 'Gemensamt/Administration', 2018, NULL, 'budget', -72204),
	('TY-IFO-MYN', 'Gemensamt/Administration', 2018, 12, 'outcome', -70423),
	('TY-IFO-MYN', 'Placeringar vuxna', 2018, NULL, 'budget', -10108),
	('TY-IFO-MYN', 'Placeringar vuxna', 2018, 12, 'outcome', -12712),
	('TY-IFO-MYN', 'Öppna insatser vuxna', 2018, NULL, 'budget', -13629),
	('TY-IFO-MYN', 'Öppna insatser vuxna', 2018, 12, 'outcome', -15335),
	('TY-IFO-MYN', 'Placeringar barn & ungdom', 2018, NULL, 'budget', -42928),
	('TY-IFO-MYN', 'Placeringar barn & ungdom', 2018, 12, 'outcome', -47581),
	('TY-IFO-MYN', 'Öppna insatser barn & ungdom', 2018, NULL, 'budget', -22148),
	('TY-IFO-MYN', 'Öppna insatser barn & ungdom', 2018, 12, 'outcome', -26095),
	('TY-IFO-MYN', 'Ekonomiskt bistånd', 2018, NULL, 'budget', -21355),
	('TY-IFO-MYN', 'Ekonomiskt bistånd', 2018, 12, 'outcome', -23587),
	('TY-IFO-MYN', 'Familjerätt & familjerådgivning', 2018, NULL, 'budget', -846),
	('TY-IFO-MYN', 'Familjerätt & familjerådgivning', 2018, 12, 'outcome', -723),
	('TY-IFO-MYN', 'Ensamkommande', 2018, NULL, 'budget', -467),
	('TY-IFO-MYN', 'Ensamkommande', 2018, 12, 'outcome', -10284),
	('TY-IFO-KR', 'Öppna insatser barn & ungdom', 2018, 12, 'outcome', 772),
	('TY-IFO-KR', 'Öppna insatser vuxna', 2018, 12, 'outcome', 499),
	('TY-IFO-KR', 'Ensamkommande gemensamt/administration', 2018, 12, 'outcome', -1257)) AS v;

-- Seed 003: Tyresö IFO through August 2017 (tkr) with the full-year forecast.  The report
-- prints the kommunbidrag for January-August, not the annual budget; the annual budget here is
-- that amount extrapolated linearly (x 12/8, in whole kronor), which periodises back to
-- exactly the printed January-August figure.  The forecast is the printed forecast deviation on top of the annual
-- budget.  Kommunal regi has no kommunbidrag: its net result is its outcome.
INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr)
SELECT (SELECT id FROM units WHERE code = v.column1), v.column2, NULL, v.column3, v.column4,
	v.column5, CAST(round(v.column6 * 1000) AS INTEGER)
FROM (VALUES
	('TY-IFO-MYN', 'Gemensamt/Administration', 2017, NULL, 'budget', -57904.5),
	('TY-IFO-MYN', 'Gemensamt/Administration', 2017, 8, 'outcome', -42899),
	('TY-IFO-MYN', 'Gemensamt/Administration', 2017, 8, 'forecast', -62704.5),
	('TY-IFO-MYN', 'Institutionsvård vuxna', 2017, NULL, 'budget', -9774),
	('TY-IFO-MYN', 'Institutionsvård vuxna', 2017, 8, 'outcome', -8493),
	('TY-IFO-MYN', 'Institutionsvård vuxna', 2017, 8, 'forecast', -11374),
	('TY-IFO-MYN', 'Institutionsvård barn & ungdom', 2017, NULL, 'budget', -20296.5),
	('TY-IFO-MYN', 'Institutionsvård barn & ungdom', 2017, 8, 'outcome', -17589),
	('TY-IFO-MYN', 'Institutionsvård barn & ungdom', 2017, 8, 'forecast', -25896.5),
	('TY-IFO-MYN', 'Familjehem vuxna', 2017, NULL, 'budget', -190.5),
	('TY-IFO-MYN', 'Familjehem vuxna', 2017, 8, 'outcome', -70),
	('TY-IFO-MYN', 'Familjehem vuxna', 2017, 8, 'forecast', -190.5),
	('TY-IFO-MYN', 'Familjehem barn & ungdom', 2017, NULL, 'budget', -21816),
	('TY-IFO-MYN', 'Familjehem barn & ungdom', 2017, 8, 'outcome', -14097),
	('TY-IFO-MYN', 'Familjehem barn & ungdom', 2017, 8, 'forecast', -20116),
	('TY-IFO-MYN', 'Jourhem barn & ungdom', 2017, NULL, 'budget', -2577),
	('TY-IFO-MYN', 'Jourhem barn & ungdom', 2017, 8, 'outcome', -3603),
	('TY-IFO-MYN', 'Jourhem barn & ungdom', 2017, 8, 'forecast', -4377),
	('TY-IFO-MYN', 'Öppna insatser vuxna', 2017, NULL, 'budget', -15352.5),
	('TY-IFO-MYN', 'Öppna insatser vuxna', 2017, 8, 'outcome', -12779),
	('TY-IFO-MYN', 'Öppna insatser vuxna', 2017, 8, 'forecast', -18952.5),
	('TY-IFO-MYN', 'Öppna insatser barn & ungdom', 2017, NULL, 'budget', -22930.5),
	('TY-IFO-MYN', 'Öppna insatser barn & ungdom', 2017, 8, 'outcome', -18994),
	('TY-IFO-MYN', 'Öppna insatser barn & ungdom', 2017, 8, 'forecast', -28430.5),
	('TY-IFO-MYN', 'Ekonomiskt bistånd', 2017, NULL, 'budget', -18499.5),
	('TY-IFO-MYN', 'Ekonomiskt bistånd', 2017, 8, 'outcome', -13062),
	('TY-IFO-MYN', 'Ekonomiskt bistånd', 2017, 8, 'forecast', -19799.5),
	('TY-IFO-MYN', 'Familjerätt & familjerådgivning', 2017, NULL, 'budget', -466.5),
	('TY-IFO-MYN', 'Familjerätt & familjerådgivning', 2017, 8, 'outcome', -568),
	('TY-IFO-MYN', 'Familjerätt & familjerådgivning', 2017, 8, 'forecast', -766.5),
	('TY-IFO-KR', 'Öppna insatser barn & ungdom', 2017, 8, 'outcome', 1096),
	('TY-IFO-KR', 'Öppna insatser barn & ungdom', 2017, 8, 'forecast', 1300),
	('TY-IFO-KR', 'Öppna insatser vuxna', 2017, 8, 'outcome', 372),
	('TY-IFO-KR', 'Öppna insatser vuxna', 2017, 8, 'forecast', 0)) AS v;

-- Seed 002: Haninge socialnämnd T1 2017 (tkr), "Resultat per avdelning" and the per-verksamhet
-- tables of Funktionsnedsättning and Barn och unga.  The report prints costs positive; here
-- they carry the ledger's sign (costs negative, so Boende och boendestöd's printed -1 979 is
-- income).  The periodised budget for January-April is booked in April and the rest of the
-- annual budget in December; the forecast (made in April) is the annual budget plus the
-- printed forecast deviation, per avdelning (Barn och unga's -2 500 is put on individ- och
-- familjeomsorg, the activity its text explains the deficit by).  Avdelning Vuxen is loaded as its total: its
-- printed per-verksamhet outcome rows add up to 67 863, not the printed 67 866.
INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr)
SELECT (SELECT id FROM units WHERE code = v.column1), v.column2, NULL, v.column3, v.column4,
	v.column5, CAST(round(v.column6 * 1000) AS INTEGER)
FROM (VALUES
	('HA-SN', NULL, 2017, 4, 'budget', -992),
	('HA-SN', NULL, 2017, 12, 'budget', -9223),
	('HA-SN', NULL, 2017, 4, 'outcome', -1817),
	('HA-SN', NULL, 2017, 4, 'forecast', -6215),
	('HA-FG', NULL, 2017, 4, 'budget', -20369),
	('HA-FG', NULL, 2017, 12, 'budget', -41284),
	('HA-FG', NULL, 2017, 4, 'outcome', -19543),
	('HA-FG', NULL, 2017, 4, 'forecast', -61653),
	('HA-VU', NULL, 2017, 4, 'budget', -70171),
	('HA-VU', NULL, 2017, 12, 'budget', -141348),
	('HA-VU', NULL, 2017, 4, 'outcome', -67866),
	('HA-VU', NULL, 2017, 4, 'forecast', -213019),
	('HA-SO', NULL, 2017, 4, 'budget', -9588),
	('HA-SO', NULL, 2017, 12, 'budget', -20636),
	('HA-SO', NULL, 2017, 4, 'outcome', -9258),
	('HA-SO', NULL, 2017, 4, 'forecast', -30224),
	('HA-BB', NULL, 2017, 4, 'budget', 1979),
	('HA-BB', NULL, 2017, 12, 'budget', -2311),
	('HA-BB', NULL, 2017, 4, 'outcome', 3408),
	('HA-BB', NULL, 2017, 4, 'forecast', -332),
	('HA-ASA', NULL, 2017, 4, 'budget', -1159),
	('HA-ASA', NULL, 2017, 12, 'budget', -10955),
	('HA-ASA', NULL, 2017, 4, 'outcome', -3539),
	('HA-ASA', NULL, 2017, 4, 'forecast', -12114),
	('HA-FN', 'Insatser SoL, vuxna', 2017, 4, 'budget', -18802),
	('HA-FN', 'Insatser SoL, vuxna', 2017, 12, 'budget', -37604),
	('HA-FN', 'Insatser SoL, vuxna', 2017, 4, 'outcome', -16325),
	('HA-FN', 'Insatser LSS, barn och vuxna', 2017, 4, 'budget', -94380),
	('HA-FN', 'Insatser LSS, barn och vuxna', 2017, 12, 'budget', -188760),
	('HA-FN', 'Insatser LSS, barn och vuxna', 2017, 4, 'outcome', -92950),
	('HA-FN', 'Handläggning, ledning och administration inkl. Resursteamet (HSL)', 2017, 4, 'budget', -7265),
	('HA-FN', 'Handläggning, ledning och administration inkl. Resursteamet (HSL)', 2017, 12, 'budget', -15760),
	('HA-FN', 'Handläggning, ledning och administration inkl. Resursteamet (HSL)', 2017, 4, 'outcome', -7257),
	('HA-BU', 'Drogpreventionssamordnare mm', 2017, 4, 'budget', -399),
	('HA-BU', 'Drogpreventionssamordnare mm', 2017, 12, 'budget', -810),
	('HA-BU', 'Drogpreventionssamordnare mm', 2017, 4, 'outcome', -111),
	('HA-BU', 'Individ- och familjeomsorg, barn och unga', 2017, 4, 'budget', -53555),
	('HA-BU', 'Individ- och familjeomsorg, barn och unga', 2017, 12, 'budget', -110463),
	('HA-BU', 'Individ- och familjeomsorg, barn och unga', 2017, 4, 'outcome', -55612),
	('HA-FN', 'Insatser SoL, vuxna', 2017, 4, 'forecast', -56406),
	('HA-FN', 'Insatser LSS, barn och vuxna', 2017, 4, 'forecast', -283140),
	('HA-FN', 'Handläggning, ledning och administration inkl. Resursteamet (HSL)', 2017, 4, 'forecast', -23025),
	('HA-BU', 'Drogpreventionssamordnare mm', 2017, 4, 'forecast', -1209),
	('HA-BU', 'Individ- och familjeomsorg, barn och unga', 2017, 4, 'forecast', -166518)) AS v;

