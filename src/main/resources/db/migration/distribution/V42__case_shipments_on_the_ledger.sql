-- A service case's shipment is now an inventory shipment (packing list lines, transfer on
-- receipt); the case's row keeps the link. Older rows (before the ledger) have none.
ALTER TABLE shipments ADD COLUMN stock_shipment_id BIGINT REFERENCES stock_shipments (id);
