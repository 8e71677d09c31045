-- Demo statistics: the tables the seeds print, as printed.  tests/test_statistics_http.c
-- checks them through the API.
--
--   seed 002 (Haninge T1 2017, "Verksamhetsstatistik", jan-april 2016 and 2017):
--     barn och unga: aktualiseringar (anmälan, ansökan), placeringar in unique persons (HVB
--     43 -> 37, ..., totalt 193 -> 191), öppenvårdsinsatser in unique persons;
--     vuxen: aktualiseringar missbruk, öppenvård and placeringar missbruk in unique persons,
--     bidragshushåll per kommundel, medelbistånd per hushåll, utbetalt försörjningsstöd;
--     funktionsnedsättning: persons with LSS insatser (771, 2017 only), beviljade insatser,
--     särskilt boende, korttidstillsyn (persons and days), daglig verksamhet.
--     The totals of unique persons are stored as printed: they are never added up (daglig
--     verksamhet 2016: 217 + 30 + 7 = 254, printed 259).
--   seed 002 sick leave ("Sjukfrånvaro", January-March): the three months and the "snitt" of
--     2016 and 2017, and the accumulated figures per gender, age group and length.  The
--     report prints percentages only, so every fact is a `given` value (the hours behind it
--     are not published) and the length rows are `share`s of all sick leave, as printed.
--   seed 003 (Tyresö delår 2 2017, IFO myndighet, jan-aug 2017 against jan-aug 2015):
--     barnavårdsanmälningar 993 -> 1272 and inledda barnavårdsutredningar 315 -> 434; the
--     IFO's accumulated sick leave through August, 5,64 %.
-- A period other than a month covers January through its last month: 2017-T1 is jan-april,
-- 2017-Q1 January-March, 2017-T2 jan-aug.  Units: Haninge's avdelningar Barn och unga
-- (HA-BU), Vuxen (HA-VU) and Funktionsnedsättning (HA-FN), the socialförvaltning (HA-SF);
-- Tyresö's IFO myndighet (TY-IFO-MYN) and IFO (TY-IFO).

INSERT INTO statistics (code, name, measure_unit, aggregate, dimensions, decimals,
	min_population, source) VALUES
('aktualiseringar_barn_unga', 'Antal aktualiseringar, barn och unga 0-20 år', 'count', 'sum',
 '[{"name":"typ","label":"Typ","values":["anmalan","ansokan"],"labels":["Anmälan","Ansökan"]}]',
 0, NULL, 'Haninge T1 2017'),
('placeringar_barn_unga', 'Placeringar barn och unga, unika personer (exklusive ensamkommande barn)',
 'count', 'distinct',
 '[{"name":"placering","label":"Placering","values":["hvb","familjehem","familjehem_konsulent","jourhem","jourhem_konsulent","ovrigt"],"labels":["Hem för vård eller boende (HVB)","Familjehem","Familjehem med konsulentstöd","Jourhem","Jourhem med konsulentstöd","Övrigt boende"]}]',
 0, NULL, 'Haninge T1 2017'),
('oppenvard_barn_unga', 'Öppenvårdsinsatser barn och unga, unika personer', 'count', 'distinct',
 '[{"name":"regi","label":"Regi","values":["egen","extern"],"labels":["Öppenvårdsinsatser i egen regi","Extern öppenvård"]}]',
 0, NULL, 'Haninge T1 2017'),
('aktualiseringar_vuxen_missbruk', 'Antal aktualiseringar, vuxen missbruk', 'count', 'sum',
 '[{"name":"typ","label":"Typ","values":["anmalan","ansokan"],"labels":["Anmälan","Ansökan"]}]',
 0, NULL, 'Haninge T1 2017'),
('oppenvard_vuxen_missbruk', 'Öppenvårdsinsatser vuxen missbruk, unika personer', 'count',
 'distinct',
 '[{"name":"regi","label":"Regi","values":["egen","extern"],"labels":["Vuxna i egen regi","Vuxna i extern regi"]}]',
 0, NULL, 'Haninge T1 2017'),
('placeringar_vuxen_missbruk', 'Placeringar vuxen missbruk, unika personer', 'count', 'distinct',
 '[{"name":"placering","label":"Placering","values":["behandlingshem","familjehem","stodboende_egen","stodboende_extern"],"labels":["Behandlingshem","Familjehem","Stödboende i egen regi","Stödboende externt"]}]',
 0, NULL, 'Haninge T1 2017'),
('bidragshushall', 'Antal bidragshushåll, försörjningsstöd', 'count', 'distinct',
 '[{"name":"kommundel","label":"Kommundel","values":["handen_oarna","vendelso_brandbergen","jordbro","vasterhaninge_tungelsta","ovriga"],"labels":["Handen/öarna","Vendelsö/Brandbergen","Jordbro","Västerhaninge/Tungelsta","Övriga"]}]',
 0, NULL, 'Haninge T1 2017'),
('medelbistand_hushall', 'Medelbistånd per hushåll, kronor', 'kr', 'ratio', '[]', 0, NULL,
 'Haninge T1 2017'),
('utbetalt_forsorjningsstod', 'Utbetalt försörjningsstöd', 'kr', 'sum', '[]', 0, NULL,
 'Haninge T1 2017'),
('lss_personer', 'Personer med insatser enligt LSS', 'count', 'distinct', '[]', 0, NULL,
 'Haninge T1 2017'),
('lss_beviljade_insatser', 'Beviljade insatser enligt LSS', 'count', 'distinct', '[]', 0, NULL,
 'Haninge T1 2017'),
('sarskilt_boende_fn', 'Särskilt boende funktionsnedsättning, unika personer', 'count', 'distinct',
 '[{"name":"boende","label":"Boende","values":["vuxna_lss_egen","vuxna_lss_extern","barn_lss_extern","ovriga_sol_extern"],"labels":["Boende vuxna LSS, egen regi","Boende vuxna LSS, extern regi, inkl. entreprenader","Boende barn LSS, extern regi","Boende övriga (SoL), extern regi"]}]',
 0, NULL, 'Haninge T1 2017'),
('korttidstillsyn_personer', 'Korttidstillsyn LSS, unika personer', 'count', 'distinct',
 '[{"name":"utforare","label":"Utförare","values":["utbildningsforvaltningen","extern"],"labels":["Köp av utbildningsförvaltningen","Korttidstillsyn extern regi"]}]',
 0, NULL, 'Haninge T1 2017'),
('korttidstillsyn_dygn', 'Korttidstillsyn LSS, antal dygn (KOF/UBF)', 'days', 'sum', '[]', 0,
 NULL, 'Haninge T1 2017'),
('daglig_verksamhet', 'Daglig verksamhet LSS, unika personer', 'count', 'distinct',
 '[{"name":"regi","label":"Regi","values":["egen","extern_entreprenad","lov"],"labels":["Daglig verksamhet, egen regi","Daglig verksamhet, extern regi och entreprenad","Daglig verksamhet, LOV"]}]',
 0, NULL, 'Haninge T1 2017'),
('sjukfranvaro', 'Sjukfrånvaro (sjuktimmar av ordinarie arbetstid)', 'percent', 'ratio',
 '[{"name":"gender","label":"Kön","values":["K","M"],"labels":["Kvinnor","Män"]},{"name":"age_group","label":"Åldersgrupp","values":["0-29","30-49","50-"],"labels":["≤29 år","30–49 år","≥50 år"]},{"name":"length","label":"Längd","values":["lt60","ge60"],"labels":["< 60 dagar","≥ 60 dagar"]}]',
 2, 10, 'Haninge T1 2017; Tyresö delår 2 2017'),
('barnavardsanmalningar', 'Antal barnavårdsanmälningar', 'count', 'sum', '[]', 0, NULL,
 'Tyresö delår 2 2017'),
('barnavardsutredningar', 'Antal inledda barnavårdsutredningar', 'count', 'sum', '[]', 0, NULL,
 'Tyresö delår 2 2017');

-- The facts: statistic, unit, period, dimension values (canonical: the statistic's order),
-- form, value, note.  Positions, masks and months are derived below.
WITH f(stat, unit, period, dims, form, value, note) AS (VALUES
	('aktualiseringar_barn_unga', 'HA-BU', '2016-T1', '{"typ":"anmalan"}', 'value', 1510, NULL),
	('aktualiseringar_barn_unga', 'HA-BU', '2016-T1', '{"typ":"ansokan"}', 'value', 50, NULL),
	('aktualiseringar_barn_unga', 'HA-BU', '2016-T1', '{}', 'value', 1560, NULL),
	('aktualiseringar_barn_unga', 'HA-BU', '2017-T1', '{"typ":"anmalan"}', 'value', 1565, NULL),
	('aktualiseringar_barn_unga', 'HA-BU', '2017-T1', '{"typ":"ansokan"}', 'value', 56, NULL),
	('aktualiseringar_barn_unga', 'HA-BU', '2017-T1', '{}', 'value', 1621, NULL),
	('placeringar_barn_unga', 'HA-BU', '2016-T1', '{"placering":"hvb"}', 'value', 43, NULL),
	('placeringar_barn_unga', 'HA-BU', '2016-T1', '{"placering":"familjehem"}', 'value', 65, NULL),
	('placeringar_barn_unga', 'HA-BU', '2016-T1', '{"placering":"familjehem_konsulent"}', 'value', 20, NULL),
	('placeringar_barn_unga', 'HA-BU', '2016-T1', '{"placering":"jourhem"}', 'value', 18, NULL),
	('placeringar_barn_unga', 'HA-BU', '2016-T1', '{"placering":"jourhem_konsulent"}', 'value', 25, NULL),
	('placeringar_barn_unga', 'HA-BU', '2016-T1', '{"placering":"ovrigt"}', 'value', 22,
	 'Stödboende, skyddade boenden, träningslägenheter och tillfälliga boenden'),
	('placeringar_barn_unga', 'HA-BU', '2016-T1', '{}', 'value', 193, NULL),
	('placeringar_barn_unga', 'HA-BU', '2017-T1', '{"placering":"hvb"}', 'value', 37, NULL),
	('placeringar_barn_unga', 'HA-BU', '2017-T1', '{"placering":"familjehem"}', 'value', 58, NULL),
	('placeringar_barn_unga', 'HA-BU', '2017-T1', '{"placering":"familjehem_konsulent"}', 'value', 18, NULL),
	('placeringar_barn_unga', 'HA-BU', '2017-T1', '{"placering":"jourhem"}', 'value', 18, NULL),
	('placeringar_barn_unga', 'HA-BU', '2017-T1', '{"placering":"jourhem_konsulent"}', 'value', 35, NULL),
	('placeringar_barn_unga', 'HA-BU', '2017-T1', '{"placering":"ovrigt"}', 'value', 25,
	 'Stödboende, skyddade boenden, träningslägenheter och tillfälliga boenden'),
	('placeringar_barn_unga', 'HA-BU', '2017-T1', '{}', 'value', 191, NULL),
	('oppenvard_barn_unga', 'HA-BU', '2016-T1', '{"regi":"egen"}', 'value', 308, NULL),
	('oppenvard_barn_unga', 'HA-BU', '2016-T1', '{"regi":"extern"}', 'value', 39, NULL),
	('oppenvard_barn_unga', 'HA-BU', '2016-T1', '{}', 'value', 347, NULL),
	('oppenvard_barn_unga', 'HA-BU', '2017-T1', '{"regi":"egen"}', 'value', 362, NULL),
	('oppenvard_barn_unga', 'HA-BU', '2017-T1', '{"regi":"extern"}', 'value', 48, NULL),
	('oppenvard_barn_unga', 'HA-BU', '2017-T1', '{}', 'value', 410, NULL),
	('aktualiseringar_vuxen_missbruk', 'HA-VU', '2016-T1', '{"typ":"anmalan"}', 'value', 257, NULL),
	('aktualiseringar_vuxen_missbruk', 'HA-VU', '2016-T1', '{"typ":"ansokan"}', 'value', 80, NULL),
	('aktualiseringar_vuxen_missbruk', 'HA-VU', '2016-T1', '{}', 'value', 337, NULL),
	('aktualiseringar_vuxen_missbruk', 'HA-VU', '2017-T1', '{"typ":"anmalan"}', 'value', 216, NULL),
	('aktualiseringar_vuxen_missbruk', 'HA-VU', '2017-T1', '{"typ":"ansokan"}', 'value', 52, NULL),
	('aktualiseringar_vuxen_missbruk', 'HA-VU', '2017-T1', '{}', 'value', 268, NULL),
	('oppenvard_vuxen_missbruk', 'HA-VU', '2016-T1', '{"regi":"egen"}', 'value', 189, NULL),
	('oppenvard_vuxen_missbruk', 'HA-VU', '2016-T1', '{"regi":"extern"}', 'value', 40, NULL),
	('oppenvard_vuxen_missbruk', 'HA-VU', '2016-T1', '{}', 'value', 229, NULL),
	('oppenvard_vuxen_missbruk', 'HA-VU', '2017-T1', '{"regi":"egen"}', 'value', 167, NULL),
	('oppenvard_vuxen_missbruk', 'HA-VU', '2017-T1', '{"regi":"extern"}', 'value', 31, NULL),
	('oppenvard_vuxen_missbruk', 'HA-VU', '2017-T1', '{}', 'value', 198, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2016-T1', '{"placering":"behandlingshem"}', 'value', 44, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2016-T1', '{"placering":"familjehem"}', 'value', 6, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2016-T1', '{"placering":"stodboende_egen"}', 'value', 51, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2016-T1', '{"placering":"stodboende_extern"}', 'value', 87, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2016-T1', '{}', 'value', 188, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2017-T1', '{"placering":"behandlingshem"}', 'value', 38, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2017-T1', '{"placering":"familjehem"}', 'value', 7, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2017-T1', '{"placering":"stodboende_egen"}', 'value', 45, NULL),
	('placeringar_vuxen_missbruk', 'HA-VU', '2017-T1', '{"placering":"stodboende_extern"}', 'value', 65,
	 'The report prints -12 % beside 87 -> 65, which is -25 %'),
	('placeringar_vuxen_missbruk', 'HA-VU', '2017-T1', '{}', 'value', 155, NULL),
	('bidragshushall', 'HA-VU', '2016-T1', '{"kommundel":"handen_oarna"}', 'value', 221, NULL),
	('bidragshushall', 'HA-VU', '2016-T1', '{"kommundel":"vendelso_brandbergen"}', 'value', 228, NULL),
	('bidragshushall', 'HA-VU', '2016-T1', '{"kommundel":"jordbro"}', 'value', 247, NULL),
	('bidragshushall', 'HA-VU', '2016-T1', '{"kommundel":"vasterhaninge_tungelsta"}', 'value', 157, NULL),
	('bidragshushall', 'HA-VU', '2016-T1', '{"kommundel":"ovriga"}', 'value', 125, NULL),
	('bidragshushall', 'HA-VU', '2016-T1', '{}', 'value', 978, NULL),
	('bidragshushall', 'HA-VU', '2017-T1', '{"kommundel":"handen_oarna"}', 'value', 271, NULL),
	('bidragshushall', 'HA-VU', '2017-T1', '{"kommundel":"vendelso_brandbergen"}', 'value', 254, NULL),
	('bidragshushall', 'HA-VU', '2017-T1', '{"kommundel":"jordbro"}', 'value', 217, NULL),
	('bidragshushall', 'HA-VU', '2017-T1', '{"kommundel":"vasterhaninge_tungelsta"}', 'value', 171, NULL),
	('bidragshushall', 'HA-VU', '2017-T1', '{"kommundel":"ovriga"}', 'value', 140, NULL),
	('bidragshushall', 'HA-VU', '2017-T1', '{}', 'value', 1053, NULL),
	('medelbistand_hushall', 'HA-VU', '2016-T1', '{}', 'given', 8286,
	 'As printed; the payments and household months behind it are not published'),
	('medelbistand_hushall', 'HA-VU', '2017-T1', '{}', 'given', 8975,
	 'As printed; the payments and household months behind it are not published'),
	('utbetalt_forsorjningsstod', 'HA-VU', '2016-T1', '{}', 'value', 22500000, 'Printed as 22,5 mnkr'),
	('utbetalt_forsorjningsstod', 'HA-VU', '2017-T1', '{}', 'value', 23800000, 'Printed as 23,8 mnkr'),
	('lss_personer', 'HA-FN', '2017-T1', '{}', 'value', 771,
	 'The report gives 2016 only as "an increase of five per cent"'),
	('lss_beviljade_insatser', 'HA-FN', '2016-T1', '{}', 'value', 1121, NULL),
	('lss_beviljade_insatser', 'HA-FN', '2017-T1', '{}', 'value', 1264, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2016-T1', '{"boende":"vuxna_lss_egen"}', 'value', 134, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2016-T1', '{"boende":"vuxna_lss_extern"}', 'value', 35, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2016-T1', '{"boende":"barn_lss_extern"}', 'value', 10, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2016-T1', '{"boende":"ovriga_sol_extern"}', 'value', 5, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2016-T1', '{}', 'value', 184, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2017-T1', '{"boende":"vuxna_lss_egen"}', 'value', 134, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2017-T1', '{"boende":"vuxna_lss_extern"}', 'value', 40, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2017-T1', '{"boende":"barn_lss_extern"}', 'value', 11, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2017-T1', '{"boende":"ovriga_sol_extern"}', 'value', 19, NULL),
	('sarskilt_boende_fn', 'HA-FN', '2017-T1', '{}', 'value', 204, NULL),
	('korttidstillsyn_personer', 'HA-FN', '2016-T1', '{"utforare":"utbildningsforvaltningen"}', 'value', 45, NULL),
	('korttidstillsyn_personer', 'HA-FN', '2016-T1', '{"utforare":"extern"}', 'value', 5, NULL),
	('korttidstillsyn_personer', 'HA-FN', '2016-T1', '{}', 'value', 50, NULL),
	('korttidstillsyn_personer', 'HA-FN', '2017-T1', '{"utforare":"utbildningsforvaltningen"}', 'value', 39, NULL),
	('korttidstillsyn_personer', 'HA-FN', '2017-T1', '{"utforare":"extern"}', 'value', 4, NULL),
	('korttidstillsyn_personer', 'HA-FN', '2017-T1', '{}', 'value', 43, NULL),
	('korttidstillsyn_dygn', 'HA-FN', '2016-T1', '{}', 'value', 1874, NULL),
	('korttidstillsyn_dygn', 'HA-FN', '2017-T1', '{}', 'value', 2733, NULL),
	('daglig_verksamhet', 'HA-FN', '2016-T1', '{"regi":"egen"}', 'value', 217, NULL),
	('daglig_verksamhet', 'HA-FN', '2016-T1', '{"regi":"extern_entreprenad"}', 'value', 30, NULL),
	('daglig_verksamhet', 'HA-FN', '2016-T1', '{"regi":"lov"}', 'value', 7, NULL),
	('daglig_verksamhet', 'HA-FN', '2016-T1', '{}', 'value', 259,
	 'As printed: the rows add up to 254, and unique persons are not added up'),
	('daglig_verksamhet', 'HA-FN', '2017-T1', '{"regi":"egen"}', 'value', 223, NULL),
	('daglig_verksamhet', 'HA-FN', '2017-T1', '{"regi":"extern_entreprenad"}', 'value', 30, NULL),
	('daglig_verksamhet', 'HA-FN', '2017-T1', '{"regi":"lov"}', 'value', 37, NULL),
	('daglig_verksamhet', 'HA-FN', '2017-T1', '{}', 'value', 290, NULL),
	-- sick leave, seed 002: months and "snitt" (given percentages)
	('sjukfranvaro', 'HA-SF', '2016-01', '{}', 'given', 8.22, NULL),
	('sjukfranvaro', 'HA-SF', '2016-02', '{}', 'given', 9.78, NULL),
	('sjukfranvaro', 'HA-SF', '2016-03', '{}', 'given', 8.86, NULL),
	('sjukfranvaro', 'HA-SF', '2016-Q1', '{}', 'given', 8.96,
	 'The report''s snitt: weighed by hours, not the mean 8,95 % of the months'),
	('sjukfranvaro', 'HA-SF', '2017-01', '{}', 'given', 8.71, NULL),
	('sjukfranvaro', 'HA-SF', '2017-02', '{}', 'given', 9.28, NULL),
	('sjukfranvaro', 'HA-SF', '2017-03', '{}', 'given', 8.29, NULL),
	('sjukfranvaro', 'HA-SF', '2017-Q1', '{}', 'given', 8.74,
	 'The report''s snitt: weighed by hours, not the mean 8,76 % of the months'),
	-- accumulated January-March per gender, age group and length (shares of all sick leave)
	('sjukfranvaro', 'HA-SF', '2016-Q1', '{"gender":"K"}', 'given', 9.31, NULL),
	('sjukfranvaro', 'HA-SF', '2016-Q1', '{"gender":"M"}', 'given', 7.88, NULL),
	('sjukfranvaro', 'HA-SF', '2016-Q1', '{"age_group":"0-29"}', 'given', 8.99, NULL),
	('sjukfranvaro', 'HA-SF', '2016-Q1', '{"age_group":"30-49"}', 'given', 7.91, NULL),
	('sjukfranvaro', 'HA-SF', '2016-Q1', '{"age_group":"50-"}', 'given', 10.02, NULL),
	('sjukfranvaro', 'HA-SF', '2016-Q1', '{"length":"lt60"}', 'share', 41.92, NULL),
	('sjukfranvaro', 'HA-SF', '2016-Q1', '{"length":"ge60"}', 'share', 58.08, NULL),
	('sjukfranvaro', 'HA-SF', '2017-Q1', '{"gender":"K"}', 'given', 9.09, NULL),
	('sjukfranvaro', 'HA-SF', '2017-Q1', '{"gender":"M"}', 'given', 7.63, NULL),
	('sjukfranvaro', 'HA-SF', '2017-Q1', '{"age_group":"0-29"}', 'given', 8.19, NULL),
	('sjukfranvaro', 'HA-SF', '2017-Q1', '{"age_group":"30-49"}', 'given', 9.28, NULL),
	('sjukfranvaro', 'HA-SF', '2017-Q1', '{"age_group":"50-"}', 'given', 8.33, NULL),
	('sjukfranvaro', 'HA-SF', '2017-Q1', '{"length":"lt60"}', 'share', 43.00, NULL),
	('sjukfranvaro', 'HA-SF', '2017-Q1', '{"length":"ge60"}', 'share', 57.00, NULL),
	-- seed 003
	('sjukfranvaro', 'TY-IFO', '2017-T2', '{}', 'given', 5.64,
	 'Tillsvidareanställd personal, ackumulerat till och med augusti'),
	('barnavardsanmalningar', 'TY-IFO-MYN', '2015-T2', '{}', 'value', 993, NULL),
	('barnavardsanmalningar', 'TY-IFO-MYN', '2017-T2', '{}', 'value', 1272, NULL),
	('barnavardsutredningar', 'TY-IFO-MYN', '2015-T2', '{}', 'value', 315, NULL),
	('barnavardsutredningar', 'TY-IFO-MYN', '2017-T2', '{}', 'value', 434, NULL)
),
-- the period's year, kind (enum period_kind: year 0, month 1, quarter 2, tertial 3, half 4)
-- and last month; the position of each dimension's value in the statistic's list
p AS (
	SELECT f.*, s.id AS sid, s.dimensions AS sdims, u.id AS uid,
		CAST(substr(f.period, 1, 4) AS INTEGER) AS year,
		CASE WHEN length(f.period) = 4 THEN 0 WHEN substr(f.period, 6, 1) = 'Q' THEN 2
		     WHEN substr(f.period, 6, 1) = 'T' THEN 3 WHEN substr(f.period, 6, 1) = 'H' THEN 4
		     ELSE 1 END AS kind
	FROM f JOIN statistics s ON s.code = f.stat JOIN units u ON u.code = f.unit
),
d AS (
	SELECT p.*,
		CASE kind WHEN 0 THEN 12 WHEN 1 THEN CAST(substr(period, 6, 2) AS INTEGER)
		     WHEN 2 THEN 3 * CAST(substr(period, 7, 1) AS INTEGER)
		     WHEN 3 THEN 4 * CAST(substr(period, 7, 1) AS INTEGER)
		     ELSE 6 * CAST(substr(period, 7, 1) AS INTEGER) END AS month_to,
		coalesce((SELECT v.key + 1 FROM json_each(sdims, '$[0].values') v WHERE v.value =
			json_extract(dims, '$.' || json_extract(sdims, '$[0].name'))), 0) AS d1,
		coalesce((SELECT v.key + 1 FROM json_each(sdims, '$[1].values') v WHERE v.value =
			json_extract(dims, '$.' || json_extract(sdims, '$[1].name'))), 0) AS d2,
		coalesce((SELECT v.key + 1 FROM json_each(sdims, '$[2].values') v WHERE v.value =
			json_extract(dims, '$.' || json_extract(sdims, '$[2].name'))), 0) AS d3
	FROM p
)
INSERT INTO statistic_facts (statistic_id, mask, year, unit_id, d1, d2, d3, d4, month_to, kind,
	month_from, id, form, value, note)
SELECT sid, (d1 > 0) | ((d2 > 0) << 1) | ((d3 > 0) << 2), year, uid, d1, d2, d3, 0, month_to, kind,
	CASE kind WHEN 1 THEN month_to ELSE 1 END,
	(SELECT coalesce(max(id), 0) FROM statistic_facts) + row_number() OVER (), form, value, note
FROM d;

-- An indicator that takes its values from a statistic: the socialförvaltning's sick leave,
-- judged as an indicator is (lower is better; the trend against the same quarter a year
-- before).  No target is printed for it, so it has none.
INSERT INTO indicators (unit_id, name, measure_unit, direction, decimals, source, sort,
	statistic_id, dims)
SELECT u.id, 'Sjukfrånvaro, socialförvaltningen (Haninge)', 'percent', 'lower_is_better', 2,
	'Statistik: sjukfranvaro', 900, s.id, NULL
FROM units u, statistics s WHERE u.code = 'HA-SF' AND s.code = 'sjukfranvaro';
