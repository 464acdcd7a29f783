-- Failed sign-ins in a row, per user name ('user:<name in lower case>') and per address
-- ('addr:<address>'). In the database, not in memory, so that every instance behind one load
-- balancer counts the same guesses. Instants are epoch milliseconds.
CREATE TABLE sign_in_failures (
    failure_key    TEXT    NOT NULL PRIMARY KEY,
    failures       INTEGER NOT NULL,
    last_failed_at BIGINT  NOT NULL,
    locked_until   BIGINT  NOT NULL
);
-- Forgotten counts are deleted by age.
CREATE INDEX sign_in_failures_by_age ON sign_in_failures (last_failed_at);
