-- A hold was a bare range of reading ids, so it also kept every other rig's readings whose ids
-- fell inside it. A hold now names the rig whose readings it keeps; holds written before this
-- have none and keep their whole range, as they always did.
ALTER TABLE reading_holds ADD COLUMN rig_id TEXT;
