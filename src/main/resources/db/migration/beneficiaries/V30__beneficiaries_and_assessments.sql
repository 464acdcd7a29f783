-- The registry of people waiting for assistive devices. The national ID is never stored:
-- only its keyed hash (HMAC-SHA256, key outside the database) to catch duplicates, and its
-- last three digits for display. Dates of the person's life are ISO dates (TEXT, sortable).
CREATE TABLE beneficiaries (
    id                      ${id},
    national_id_hash        TEXT    NOT NULL UNIQUE,
    national_id_last        TEXT    NOT NULL,
    full_name               TEXT    NOT NULL,
    birth_date              TEXT    NOT NULL,
    sex                     TEXT    NOT NULL,
    woman_head_of_household BOOLEAN NOT NULL,
    province                TEXT    NOT NULL,
    county                  TEXT    NOT NULL,
    rural                   BOOLEAN NOT NULL,
    centre                  TEXT    NOT NULL,
    phone                   TEXT,
    registered_on           TEXT    NOT NULL,
    consent                 BOOLEAN NOT NULL,
    created_at              BIGINT  NOT NULL,
    updated_at              BIGINT  NOT NULL
);
CREATE INDEX beneficiaries_by_province ON beneficiaries (province, registered_on);

-- WHO step 2. One row per assessment; status follows it through allocation:
-- waiting -> allocated (an approved proposal) -> served (handed over) | closed.
CREATE TABLE assessments (
    id                ${id},
    beneficiary_id    BIGINT  NOT NULL REFERENCES beneficiaries (id),
    device_class      TEXT    NOT NULL,
    need_level        INTEGER NOT NULL,
    urgency           TEXT    NOT NULL,
    environment       TEXT    NOT NULL,
    referral_source   TEXT    NOT NULL,
    measurements_json TEXT    NOT NULL,
    assessed_on       TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    UNIQUE (beneficiary_id, device_class, assessed_on)
);
CREATE INDEX assessments_by_status ON assessments (status, device_class);
