-- Sequence epochs (issue 3): a rig that restarts its sequence counter (power cycle, firmware
-- reset) starts a new epoch, so its new frames are stored instead of being taken for
-- duplicates. A reading is now unique by (rig, sequence, epoch). Sequenced readings also keep
-- the SHA-256 of their raw frame: a redelivery of a frame from an earlier epoch is recognised
-- by it (see docs/rig-integration.md, Deduplication). Rows from before this migration are in
-- epoch 0 with no hash. A new unique index replaces the old one (works on SQLite and PostgreSQL).
ALTER TABLE readings ADD COLUMN seq_epoch BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX readings_by_rig_sequence_epoch ON readings (rig_id, sequence, seq_epoch) WHERE sequence IS NOT NULL;
DROP INDEX readings_by_rig_sequence;
-- Only frames without a sequence are deduplicated by content alone.
CREATE UNIQUE INDEX readings_by_rig_unsequenced_hash ON readings (rig_id, content_hash) WHERE sequence IS NULL;
DROP INDEX readings_by_rig_hash;

-- The rig's current epoch; rig_activity.max_sequence is the highest sequence in that epoch.
ALTER TABLE rig_activity ADD COLUMN seq_epoch BIGINT NOT NULL DEFAULT 0;
-- Gaps belong to an epoch: a new epoch's readings never fill an old epoch's gap.
ALTER TABLE rig_sequence_gaps ADD COLUMN seq_epoch BIGINT NOT NULL DEFAULT 0;
