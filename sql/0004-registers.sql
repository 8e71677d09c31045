-- The two sensitive registers: lex Sarah reports and decisions not executed in time (ej
-- verkställda beslut), with the managed lists they draw their codes from.
--
-- Both registers are de-identified by rule: they hold no personnummer and no names (the API
-- screens every text field), only references into the case system and the dates and codes the
-- statutory summaries are computed from.  Codes are checked here as well as in the API so the
-- file stays consistent whatever writes to it.

-- Lex Sarah categories: Socialstyrelsen's usual grouping plus the seeds' own headings.
CREATE TABLE lex_sarah_categories (
	code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL
);
INSERT INTO lex_sarah_categories (code, name) VALUES
	('fysiska_overgrepp', 'Fysiska övergrepp'),
	('sexuella_overgrepp', 'Sexuella övergrepp'),
	('psykiska_overgrepp', 'Psykiska övergrepp (inkl. kränkande bemötande)'),
	('bemotande', 'Bemötande'),
	('rattssakerhet_handlaggning', 'Övrig rättssäkerhet/handläggningsförfarande'),
	('sekretess_informationssakerhet', 'Sekretess/informationssäkerhet'),
	('utforande_insats', 'Utförande insats'),
	('fysisk_miljo_teknik', 'Fysisk miljö och teknik'),
	('system', 'System'),
	('ekonomiska_overgrepp', 'Ekonomiska övergrepp'),
	('ovrigt', 'Övrigt');

CREATE TABLE lex_sarah_reports (
	id                    INTEGER PRIMARY KEY,
	reference             TEXT,
	unit_id               INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	law                   TEXT NOT NULL CHECK (law IN ('SoL', 'LSS')),
	reported_on           TEXT NOT NULL,
	occurred_on           TEXT,
	category              TEXT NOT NULL REFERENCES lex_sarah_categories(code)
	                          ON DELETE RESTRICT,
	summary               TEXT,
	status                TEXT NOT NULL CHECK (status IN ('rapporterad', 'under_utredning',
	                          'avslutad')),
	investigation_done_on TEXT,
	outcome               TEXT CHECK (outcome IN ('inget_missforhallande',
	                          'risk_for_missforhallande', 'missforhallande',
	                          'allvarligt_missforhallande', 'allvarlig_risk')),
	ivo_notified_on       TEXT,
	measures              TEXT,
	version               INTEGER NOT NULL DEFAULT 1,
	created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX lex_sarah_reported ON lex_sarah_reports(reported_on);
CREATE INDEX lex_sarah_unit ON lex_sarah_reports(unit_id);

-- Insatser a decision may grant: the SoL types and the ten insatser of LSS 9 § (numbered).
CREATE TABLE decision_insatser (
	code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL,
	law         TEXT NOT NULL CHECK (law IN ('SoL', 'LSS'))
);
INSERT INTO decision_insatser (code, name, law) VALUES
	('behandlingshem_hvb', 'Behandlingshem/HVB', 'SoL'),
	('boendestod', 'Boendestöd', 'SoL'),
	('bostad', 'Bostad (stödboende, träningsboende)', 'SoL'),
	('familjehem', 'Familjehem', 'SoL'),
	('kontaktfamilj', 'Kontaktfamilj', 'SoL'),
	('kontaktperson', 'Kontaktperson', 'SoL'),
	('korttidsboende', 'Korttidsboende', 'SoL'),
	('sysselsattning', 'Sysselsättning', 'SoL'),
	('oppenvard_familjebehandling', 'Öppenvård (familjebehandling)', 'SoL'),
	('sarskilt_boende', 'Särskilt boende', 'SoL'),
	('hemtjanst', 'Hemtjänst', 'SoL'),
	('dagverksamhet', 'Dagverksamhet', 'SoL'),
	('ledsagning_sol', 'Ledsagning', 'SoL'),
	('avlosning_sol', 'Avlösning', 'SoL'),
	('ovrigt_sol', 'Övrigt bistånd', 'SoL'),
	('lss_1_radgivning', 'LSS 9 § 1 Rådgivning och annat personligt stöd', 'LSS'),
	('lss_2_personlig_assistans', 'LSS 9 § 2 Personlig assistans', 'LSS'),
	('lss_3_ledsagarservice', 'LSS 9 § 3 Ledsagarservice', 'LSS'),
	('lss_4_kontaktperson', 'LSS 9 § 4 Kontaktperson', 'LSS'),
	('lss_5_avlosarservice', 'LSS 9 § 5 Avlösarservice i hemmet', 'LSS'),
	('lss_6_korttidsvistelse', 'LSS 9 § 6 Korttidsvistelse utanför det egna hemmet', 'LSS'),
	('lss_7_korttidstillsyn', 'LSS 9 § 7 Korttidstillsyn för skolungdom över 12 år', 'LSS'),
	('lss_8_boende_barn', 'LSS 9 § 8 Boende i familjehem eller bostad med särskild service för barn', 'LSS'),
	('lss_9_bostad_vuxna', 'LSS 9 § 9 Bostad med särskild service för vuxna', 'LSS'),
	('lss_10_daglig_verksamhet', 'LSS 9 § 10 Daglig verksamhet', 'LSS');

CREATE TABLE decisions (
	id              INTEGER PRIMARY KEY,
	reference       TEXT,
	unit_id         INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	law             TEXT NOT NULL CHECK (law IN ('SoL', 'LSS')),
	inriktning      TEXT NOT NULL CHECK (inriktning IN ('barn_och_familj', 'ekonomiskt_bistand',
	                    'missbruk', 'socialpsykiatri', 'vald_i_nara_relation', 'ovrigt')),
	insats          TEXT NOT NULL REFERENCES decision_insatser(code) ON DELETE RESTRICT,
	decided_on      TEXT NOT NULL,
	gender          TEXT NOT NULL CHECK (gender IN ('K', 'M', 'annat')),
	executed_on     TEXT,
	interrupted_on  TEXT,
	resumed_on      TEXT,
	closed_on       TEXT,
	close_reason    TEXT CHECK (close_reason IN ('verkstallt', 'aterkallad', 'behov_upphort',
	                    'avliden', 'ovrigt')),
	delay_reason    TEXT,
	measures        TEXT,
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX decisions_decided ON decisions(decided_on);
CREATE INDEX decisions_unit ON decisions(unit_id);
