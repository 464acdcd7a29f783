-- Interim stock of released units for allocation, until the inventory ledger (branch
-- production) is merged: then ReleasedUnits reads and reserves through inventory instead.
CREATE TABLE allocation_units (
    serial       TEXT   NOT NULL PRIMARY KEY,
    variant_id   TEXT   NOT NULL,
    device_class TEXT   NOT NULL,
    specs_json   TEXT   NOT NULL,
    province     TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    reserved_for TEXT,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX allocation_units_by_status ON allocation_units (status, device_class);

-- One run of the matcher: its inputs' size, policy version and the shares it computed.
CREATE TABLE allocation_runs (
    id             ${id},
    policy_version TEXT    NOT NULL,
    as_of          TEXT    NOT NULL,
    units          INTEGER NOT NULL,
    waiting        INTEGER NOT NULL,
    proposals      INTEGER NOT NULL,
    shares_json    TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    created_by     TEXT    NOT NULL
);

-- status: proposed -> approved | rejected; proposed -> superseded by a newer run.
-- manual: an officer's override (reason required).
CREATE TABLE proposals (
    id             ${id},
    run_id         BIGINT  REFERENCES allocation_runs (id),
    serial         TEXT    NOT NULL,
    variant_id     TEXT    NOT NULL,
    beneficiary_id BIGINT  NOT NULL REFERENCES beneficiaries (id),
    assessment_id  BIGINT  NOT NULL REFERENCES assessments (id),
    device_class   TEXT    NOT NULL,
    province       TEXT    NOT NULL,
    priority       INTEGER NOT NULL,
    reasons_json   TEXT    NOT NULL,
    policy_version TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    manual         BOOLEAN NOT NULL,
    reason         TEXT,
    decided_by     TEXT,
    decided_at     BIGINT,
    created_at     BIGINT  NOT NULL
);
CREATE INDEX proposals_by_status ON proposals (status, province);
CREATE INDEX proposals_by_assessment ON proposals (assessment_id);
