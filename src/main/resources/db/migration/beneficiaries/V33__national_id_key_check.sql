-- A fingerprint of the national ID key (HMAC of a fixed text, never the key): Tavan refuses
-- to start with a different key, which would silently let duplicates through.
CREATE TABLE national_id_key_check (
    fingerprint TEXT   NOT NULL PRIMARY KEY,
    created_at  BIGINT NOT NULL
);
