-- The rig registry. A rig is one physical test or fitting rig; its kind is the id of the
-- firmware profile that decodes what it says. Changes to this table are audited.
CREATE TABLE rigs (
    rig_id              TEXT    NOT NULL PRIMARY KEY,
    profile_id          TEXT    NOT NULL,
    workshop            TEXT    NOT NULL,
    station             TEXT    NOT NULL,
    calibration_cert    TEXT,
    calibration_due     TEXT,
    -- Argon2id of the rig's MQTT password (also used by a serial gateway publishing for it).
    mqtt_password_hash  TEXT    NOT NULL,
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);

-- What ingest saw from the rig. Written by every ingest batch, so it lives apart from the
-- audited registry row; one row per rig, updated in the batch's transaction.
CREATE TABLE rig_activity (
    rig_id           TEXT   NOT NULL PRIMARY KEY REFERENCES rigs (rig_id),
    last_seen        BIGINT,
    frames_accepted  BIGINT NOT NULL DEFAULT 0,
    frames_rejected  BIGINT NOT NULL DEFAULT 0,
    duplicates       BIGINT NOT NULL DEFAULT 0,
    max_sequence     BIGINT,
    missing_readings BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE rig_rejection_counts (
    rig_id TEXT   NOT NULL REFERENCES rigs (rig_id),
    reason TEXT   NOT NULL,
    frames BIGINT NOT NULL,
    PRIMARY KEY (rig_id, reason)
);

-- The last rejections of each rig with their messages (older rows are pruned per batch).
CREATE TABLE rig_rejections (
    id      ${id},
    rig_id  TEXT   NOT NULL REFERENCES rigs (rig_id),
    at      BIGINT NOT NULL,
    reason  TEXT   NOT NULL,
    message TEXT   NOT NULL
);
CREATE INDEX rig_rejections_by_rig ON rig_rejections (rig_id, id);

-- Sequence numbers that never arrived: first..last inclusive. A late reading that fills
-- part of a gap shrinks or splits it (instances sharing a subscription commit out of order).
CREATE TABLE rig_sequence_gaps (
    id          ${id},
    rig_id      TEXT   NOT NULL REFERENCES rigs (rig_id),
    first_seq   BIGINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    detected_at BIGINT NOT NULL
);
CREATE INDEX rig_sequence_gaps_by_rig ON rig_sequence_gaps (rig_id, first_seq);
