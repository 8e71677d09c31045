-- Demo organisations, from the seeds: Tyresö's arbetsmarknads- och socialförvaltning (seed 001,
-- 2021: ten enheter; seed 000: the IFO split into myndighet and kommunal regi) and Haninge's
-- socialförvaltning with its beställar- and utförar-avdelningar (seed 002, T1 2017).
-- Codes are the keys other demo scripts (budget, goals, registers) refer to.

INSERT INTO units (code, name, kind, municipality_code) VALUES
	('0138', 'Tyresö kommun', 'kommun', '0138'),
	('0136', 'Haninge kommun', 'kommun', '0136');

-- Tyresö (one statement a row, so each can find the parent inserted before it)
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-ASN', 'Arbetsmarknads- och socialnämnden', 'namnd', NULL,
	(SELECT id FROM units WHERE code = '0138'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-ASF', 'Arbetsmarknads- och socialförvaltningen', 'forvaltning', NULL,
	(SELECT id FROM units WHERE code = 'TY-ASN'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-IFO', 'Individ- och familjeomsorg', 'verksamhetsomrade', NULL,
	(SELECT id FROM units WHERE code = 'TY-ASF'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-AMI', 'Arbetsmarknad och integration', 'verksamhetsomrade', NULL,
	(SELECT id FROM units WHERE code = 'TY-ASF'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-FS', 'Förvaltningsstöd', 'enhet', NULL,
	(SELECT id FROM units WHERE code = 'TY-ASF'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-IFO-MYN', 'IFO myndighet', 'avdelning', 'myndighet',
	(SELECT id FROM units WHERE code = 'TY-IFO'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-IFO-KR', 'IFO kommunal regi', 'avdelning', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'TY-IFO'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-BUE', 'Barn- och ungdomsenheten', 'enhet', 'myndighet',
	(SELECT id FROM units WHERE code = 'TY-IFO-MYN'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-ERM', 'Enheten för relationsvåld och mottagning barn och unga', 'enhet', 'myndighet',
	(SELECT id FROM units WHERE code = 'TY-IFO-MYN'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-FVE', 'Familjevårdsenheten med familjerätt', 'enhet', 'myndighet',
	(SELECT id FROM units WHERE code = 'TY-IFO-MYN'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-FSE', 'Försörjningsstödsenheten', 'enhet', 'myndighet',
	(SELECT id FROM units WHERE code = 'TY-IFO-MYN'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-VUE', 'Vuxenenheten', 'enhet', 'myndighet',
	(SELECT id FROM units WHERE code = 'TY-IFO-MYN'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-ESP', 'Enheten för socialpsykiatri', 'enhet', 'myndighet',
	(SELECT id FROM units WHERE code = 'TY-IFO-MYN'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-RE', 'Resursenheten', 'enhet', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'TY-IFO-KR'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-HSB', 'Hästkons stöd- och boendeenhet', 'enhet', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'TY-IFO-KR'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('TY-CAI', 'Centrum för arbete och integration', 'enhet', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'TY-AMI'));

-- Haninge
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-SN', 'Socialnämnden', 'namnd', NULL,
	(SELECT id FROM units WHERE code = '0136'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-SF', 'Socialförvaltningen', 'forvaltning', NULL,
	(SELECT id FROM units WHERE code = 'HA-SN'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-FG', 'Förvaltningsgemensam verksamhet', 'avdelning', NULL,
	(SELECT id FROM units WHERE code = 'HA-SF'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-BEST', 'Beställaravdelningar (myndighet)', 'verksamhetsomrade', 'myndighet',
	(SELECT id FROM units WHERE code = 'HA-SF'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-UTF', 'Utföraravdelningar', 'verksamhetsomrade', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'HA-SF'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-FN', 'Avdelning Funktionsnedsättning', 'avdelning', 'myndighet',
	(SELECT id FROM units WHERE code = 'HA-BEST'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-BU', 'Avdelning Barn och unga', 'avdelning', 'myndighet',
	(SELECT id FROM units WHERE code = 'HA-BEST'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-VU', 'Avdelning Vuxen', 'avdelning', 'myndighet',
	(SELECT id FROM units WHERE code = 'HA-BEST'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-SO', 'Avdelning Social omsorg', 'avdelning', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'HA-UTF'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-BB', 'Avdelning Boende och boendestöd', 'avdelning', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'HA-UTF'));
INSERT INTO units (code, name, kind, regi, parent_id) VALUES ('HA-ASA', 'Avdelning Arbete, sysselsättning och assistans', 'avdelning', 'kommunal_regi',
	(SELECT id FROM units WHERE code = 'HA-UTF'));
