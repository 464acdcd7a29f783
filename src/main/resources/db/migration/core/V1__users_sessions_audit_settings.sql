-- Core tables every feature stands on. ${id} and ${bytes} are filled per database
-- (see org.tavan.storage.Dialect); instants are epoch milliseconds in BIGINT columns.

CREATE TABLE users (
    id            ${id},
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    language      TEXT    NOT NULL DEFAULT 'fa',
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users (id),
    role    TEXT   NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Only a hash of the bearer token is kept: a copy of the database cannot be used to sign in.
CREATE TABLE sessions (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Append-only: triggers in db/<database>/ refuse UPDATE and DELETE.
CREATE TABLE audit_log (
    id          ${id},
    at          BIGINT NOT NULL,
    actor       TEXT   NOT NULL,
    action      TEXT   NOT NULL,
    entity_type TEXT   NOT NULL,
    entity_id   TEXT   NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    request_id  TEXT
);
CREATE INDEX audit_by_entity ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_by_time ON audit_log (at);

CREATE TABLE settings (
    setting_key TEXT   NOT NULL PRIMARY KEY,
    value       TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT   NOT NULL
);
