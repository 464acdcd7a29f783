-- The names and units of a frame's measurements, stored once per distinct list. A reading
-- refers to its layout and keeps only the values, packed as 8-byte doubles: a pressure-mat
-- frame of 256 cells is 2 KiB instead of 256 rows (see docs/rig-integration.md, Storage).
CREATE TABLE reading_layouts (
    id          ${id},
    fingerprint TEXT NOT NULL UNIQUE,
    names_units TEXT NOT NULL
);

-- One row per accepted frame. A frame is stored once: by (rig, sequence) when the profile
-- has a sequence field, else by (rig, SHA-256 of the raw frame).
CREATE TABLE readings (
    id           ${id},
    rig_id       TEXT    NOT NULL,
    sequence     BIGINT,
    content_hash ${bytes},
    device_time  BIGINT,
    received_at  BIGINT  NOT NULL,
    layout_id    BIGINT  NOT NULL REFERENCES reading_layouts (id),
    value_bytes  ${bytes} NOT NULL,
    events_json  TEXT
);
CREATE UNIQUE INDEX readings_by_rig_sequence ON readings (rig_id, sequence) WHERE sequence IS NOT NULL;
CREATE UNIQUE INDEX readings_by_rig_hash ON readings (rig_id, content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX readings_by_rig_time ON readings (rig_id, received_at);
CREATE INDEX readings_by_time ON readings (received_at);

-- Readings that retention must never delete: a verdict (or anything else that cites
-- readings) inserts the range of reading ids it points to. Retention skips every id in
-- any hold's [first_reading_id, last_reading_id].
CREATE TABLE reading_holds (
    id               ${id},
    first_reading_id BIGINT NOT NULL,
    last_reading_id  BIGINT NOT NULL,
    held_by          TEXT   NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX reading_holds_by_range ON reading_holds (first_reading_id, last_reading_id);
