-- One row per action id a tablet has sent (a floor step started, done or failed; a rig bound by
-- scan; a device handed over): claimed by the first request that carries the id, in the
-- transaction that applies it, so a resent or replayed id gets the stored answer and changes
-- nothing again. outcome is 'applied', or 'refused' when the action no longer fitted the state
-- it met on arrival. Instants are epoch milliseconds: tapped_at on the tablet, received_at here.
CREATE TABLE queued_actions (
    action_id   TEXT    NOT NULL PRIMARY KEY,
    username    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    tapped_at   BIGINT  NOT NULL,
    received_at BIGINT  NOT NULL,
    outcome     TEXT    CHECK (outcome IN ('applied', 'refused')),
    answer_json TEXT
);
CREATE INDEX queued_actions_by_subject ON queued_actions (subject, received_at);
