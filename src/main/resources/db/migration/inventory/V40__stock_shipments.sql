-- Shipments: a packing list of units (by serial) and component quantities sent from one
-- location to another. Until the destination confirms receipt with a proof of delivery the
-- goods stay on the sender's books (no movement yet) but are committed: they cannot be used,
-- moved or shipped again. Receipt writes the transfer rows, all lines in one move group.
CREATE TABLE stock_shipments (
    id                ${id},
    from_location_id  BIGINT NOT NULL REFERENCES stock_locations (id),
    to_location_id    BIGINT NOT NULL REFERENCES stock_locations (id),
    status            TEXT   NOT NULL CHECK (status IN ('dispatched', 'received')),
    carrier           TEXT,
    notes             TEXT,
    ref_type          TEXT,
    ref_id            TEXT,
    dispatched_at     BIGINT NOT NULL,
    dispatched_by     TEXT   NOT NULL,
    received_at       BIGINT,
    received_by       TEXT,
    proof_of_delivery TEXT,
    move_group        TEXT
);
CREATE INDEX stock_shipments_by_status ON stock_shipments (status, from_location_id);

CREATE TABLE stock_shipment_lines (
    shipment_id BIGINT  NOT NULL REFERENCES stock_shipments (id),
    line_no     INTEGER NOT NULL,
    item_id     BIGINT  NOT NULL REFERENCES stock_items (id),
    serial      TEXT,
    quantity    BIGINT  NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, line_no)
);
CREATE INDEX stock_shipment_lines_by_serial ON stock_shipment_lines (serial);
CREATE INDEX stock_shipment_lines_by_item ON stock_shipment_lines (item_id);
