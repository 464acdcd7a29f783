-- Which beneficiaries a user may see and allocate to. users.scope is 'national' (the whole
-- country) or 'provinces' (only the rows of user_scopes): a restricted user with no rows sees
-- nobody, so a lost row narrows access instead of widening it. Users that existed before
-- scopes keep what they had: the whole country.
ALTER TABLE users ADD COLUMN scope TEXT NOT NULL DEFAULT 'national';

-- kind 'province': code is a two-digit province code; kind 'centre': code is a centre's name,
-- which narrows the user's provinces to those centres.
CREATE TABLE user_scopes (
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind    TEXT   NOT NULL,
    code    TEXT   NOT NULL,
    PRIMARY KEY (user_id, kind, code)
);
