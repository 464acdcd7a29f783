-- Work orders, the serialized units they create, and each unit's path through its routing.

CREATE TABLE work_orders (
    id            ${id},
    variant_code  TEXT    NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    workshop_code TEXT    NOT NULL,
    due_date      TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('open', 'released')),
    note          TEXT,
    created_at    BIGINT  NOT NULL,
    created_by    TEXT    NOT NULL,
    released_at   BIGINT,
    released_by   TEXT
);

-- One counter per serial prefix (year, workshop, model); incremented inside the releasing
-- transaction, so two releases never hand out the same number.
CREATE TABLE serial_counters (
    prefix   TEXT   NOT NULL PRIMARY KEY,
    last_seq BIGINT NOT NULL
);

CREATE TABLE units (
    id              ${id},
    serial          TEXT    NOT NULL UNIQUE,
    work_order_id   BIGINT  NOT NULL REFERENCES work_orders (id),
    variant_code    TEXT    NOT NULL,
    model_code      TEXT    NOT NULL,
    step_seq        INTEGER NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('waiting', 'in_progress', 'rework_waiting', 'rework_in_progress',
                                                       'finished', 'released', 'scrapped')),
    rework_count    INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX units_by_work_order ON units (work_order_id);
CREATE INDEX units_by_state ON units (state);

-- Time per step: one row per start, closed by complete or fail.
CREATE TABLE unit_steps (
    id         ${id},
    unit_id    BIGINT  NOT NULL REFERENCES units (id),
    seq        INTEGER NOT NULL,
    station    TEXT    NOT NULL,
    rework     BOOLEAN NOT NULL,
    started_at BIGINT  NOT NULL,
    started_by TEXT    NOT NULL,
    ended_at   BIGINT,
    ended_by   TEXT,
    outcome    TEXT CHECK (outcome IN ('done', 'failed')),
    reason     TEXT
);
CREATE INDEX unit_steps_by_unit ON unit_steps (unit_id, id);
