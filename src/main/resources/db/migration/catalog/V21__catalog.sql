-- The catalogue: what the workshops make, how (bill of materials, routing) and how each
-- unit is tested (versioned test plans). Specifications and plan definitions are JSON text
-- validated by org.tavan.catalog before they are stored.

CREATE TABLE device_models (
    id           ${id},
    code         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    name_fa      TEXT    NOT NULL,
    device_class TEXT    NOT NULL,
    iso9999      TEXT    NOT NULL,
    who_priority BOOLEAN NOT NULL,
    created_at   BIGINT  NOT NULL
);

CREATE TABLE device_variants (
    id         ${id},
    model_id   BIGINT NOT NULL REFERENCES device_models (id),
    code       TEXT   NOT NULL UNIQUE,
    name       TEXT   NOT NULL,
    specs_json TEXT   NOT NULL,
    sku        TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE bom_lines (
    variant_id    BIGINT NOT NULL REFERENCES device_variants (id),
    component_sku TEXT   NOT NULL,
    quantity      BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (variant_id, component_sku)
);

-- A plan is never edited: a change is a new row with the next version, so a verdict's
-- plan_id keeps meaning what it meant.
CREATE TABLE test_plans (
    id              ${id},
    code            TEXT   NOT NULL,
    version         INTEGER NOT NULL,
    name            TEXT   NOT NULL,
    definition_json TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    created_by      TEXT   NOT NULL,
    UNIQUE (code, version)
);

CREATE TABLE routing_steps (
    model_id       BIGINT  NOT NULL REFERENCES device_models (id),
    seq            INTEGER NOT NULL,
    station        TEXT    NOT NULL,
    test_plan_code TEXT,
    PRIMARY KEY (model_id, seq)
);
