-- Test sessions, their readings, verdicts and nonconformances.

-- Stand-in rig registry (kind and calibration) until the rigs feature's registry is wired
-- in: see docs/production-and-quality.md, "Rigs and readings".
CREATE TABLE quality_rigs (
    rig_id          TEXT   NOT NULL PRIMARY KEY,
    kind            TEXT   NOT NULL,
    calibration_due BIGINT NOT NULL,
    certificate     TEXT,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE test_sessions (
    id                  ${id},
    serial              TEXT    NOT NULL,
    step_seq            INTEGER NOT NULL,
    station             TEXT    NOT NULL,
    plan_id             BIGINT  NOT NULL REFERENCES test_plans (id),
    rig_id              TEXT,
    rig_kind            TEXT,
    rig_calibration_due BIGINT,
    rig_certificate     TEXT,
    status              TEXT    NOT NULL CHECK (status IN ('open', 'paused', 'closed')),
    opened_at           BIGINT  NOT NULL,
    opened_by           TEXT    NOT NULL,
    closed_at           BIGINT
);
CREATE INDEX test_sessions_by_serial ON test_sessions (serial);
CREATE INDEX test_sessions_by_rig ON test_sessions (rig_id, status);

-- Readings: from a rig (rig_id set; they belong to whichever session had the rig open at
-- that instant) or typed in for one session (session_id set, rig_id NULL).
CREATE TABLE test_readings (
    id         ${id},
    rig_id     TEXT,
    session_id BIGINT REFERENCES test_sessions (id),
    at         BIGINT NOT NULL,
    name       TEXT   NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    unit       TEXT   NOT NULL,
    entered_by TEXT   NOT NULL
);
CREATE INDEX test_readings_by_rig ON test_readings (rig_id, at);
CREATE INDEX test_readings_by_session ON test_readings (session_id);

-- Pauses, resumes, checkpoints, part replacements and checklist answers, in order.
CREATE TABLE session_events (
    id         ${id},
    session_id BIGINT NOT NULL REFERENCES test_sessions (id),
    at         BIGINT NOT NULL,
    kind       TEXT   NOT NULL CHECK (kind IN ('paused', 'resumed', 'checkpoint', 'replacement', 'checklist')),
    cycles     BIGINT,
    item_key   TEXT,
    passed     BOOLEAN,
    note       TEXT,
    actor      TEXT   NOT NULL
);
CREATE INDEX session_events_by_session ON session_events (session_id, id);

-- Immutable (triggers in db/<database>/V23_1): everything the verdict was computed from is
-- copied in, so it stays explainable whatever changes later.
CREATE TABLE verdicts (
    id                  ${id},
    session_id          BIGINT  NOT NULL UNIQUE REFERENCES test_sessions (id),
    serial              TEXT    NOT NULL,
    model_code          TEXT    NOT NULL,
    step_seq            INTEGER NOT NULL,
    station             TEXT    NOT NULL,
    plan_id             BIGINT  NOT NULL REFERENCES test_plans (id),
    plan_code           TEXT    NOT NULL,
    plan_version        INTEGER NOT NULL,
    outcome             TEXT    NOT NULL CHECK (outcome IN ('pass', 'marginal', 'fail')),
    detail_json         TEXT    NOT NULL,
    rig_id              TEXT,
    rig_kind            TEXT,
    rig_calibration_due BIGINT,
    rig_certificate     TEXT,
    computed_at         BIGINT  NOT NULL,
    computed_by         TEXT    NOT NULL
);
CREATE INDEX verdicts_by_serial ON verdicts (serial, step_seq, id);

-- One row per failed or marginal item of a verdict, for the ranked failure report.
CREATE TABLE verdict_findings (
    verdict_id BIGINT NOT NULL REFERENCES verdicts (id),
    item       TEXT   NOT NULL,
    outcome    TEXT   NOT NULL,
    PRIMARY KEY (verdict_id, item)
);

CREATE TABLE nonconformances (
    id          ${id},
    verdict_id  BIGINT NOT NULL UNIQUE REFERENCES verdicts (id),
    serial      TEXT   NOT NULL,
    cause       TEXT   NOT NULL,
    disposition TEXT CHECK (disposition IN ('rework', 'scrap')),
    opened_at   BIGINT NOT NULL,
    decided_at  BIGINT,
    decided_by  TEXT
);
