-- When the person tapped, for a change a tablet queued while offline and sent later: the row's
-- "at" stays the time it reached the server, so the log shows both (epoch milliseconds; null
-- for a change made as it arrived).
ALTER TABLE audit_log ADD COLUMN tapped_at BIGINT;
