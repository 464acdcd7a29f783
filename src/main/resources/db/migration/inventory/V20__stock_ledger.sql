-- Stock: where things are and every movement that put them there. On-hand quantities are
-- never stored: they are the sum of stock_movements.quantity (see docs/inventory.md).

CREATE TABLE stock_locations (
    id            ${id},
    code          TEXT   NOT NULL UNIQUE,
    name          TEXT   NOT NULL,
    kind          TEXT   NOT NULL CHECK (kind IN ('workshop', 'national_warehouse', 'provincial_warehouse', 'centre')),
    parent_id     BIGINT REFERENCES stock_locations (id),
    province_code TEXT,
    created_at    BIGINT NOT NULL
);

-- Components (counted, with a reorder level) and finished products (one row per size variant,
-- serialized: each physical unit is a row in stock_units).
CREATE TABLE stock_items (
    id            ${id},
    sku           TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('component', 'finished')),
    uom           TEXT    NOT NULL,
    reorder_level BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);

-- Append-only (triggers in db/<database>/V20_1): a correction is a new row, never an edit.
CREATE TABLE stock_movements (
    id           ${id},
    at           BIGINT NOT NULL,
    item_id      BIGINT NOT NULL REFERENCES stock_items (id),
    location_id  BIGINT NOT NULL REFERENCES stock_locations (id),
    quantity     BIGINT NOT NULL,
    reason       TEXT   NOT NULL CHECK (reason IN ('receipt', 'release', 'transfer', 'reservation', 'issue', 'return',
                                                   'repair', 'scrap', 'count_adjustment', 'consumption')),
    serial       TEXT,
    status_after TEXT,
    ref_type     TEXT,
    ref_id       TEXT,
    move_group   TEXT   NOT NULL,
    actor        TEXT   NOT NULL,
    note         TEXT
);
CREATE INDEX stock_movements_by_item_location ON stock_movements (item_id, location_id);
CREATE INDEX stock_movements_by_serial ON stock_movements (serial);

-- The current place and status of each serialized unit; every change to a row here is made
-- in the same transaction as the stock_movements row that explains it.
CREATE TABLE stock_units (
    serial      TEXT   NOT NULL PRIMARY KEY,
    item_id     BIGINT NOT NULL REFERENCES stock_items (id),
    location_id BIGINT NOT NULL REFERENCES stock_locations (id),
    status      TEXT   NOT NULL CHECK (status IN ('available', 'reserved', 'in_repair', 'issued', 'scrapped')),
    reserved_for TEXT,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX stock_units_by_item_location ON stock_units (item_id, location_id, status);
