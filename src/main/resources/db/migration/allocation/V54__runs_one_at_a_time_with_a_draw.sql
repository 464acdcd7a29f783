-- Policy v3. One allocation run at a time across every instance on the database: a run takes
-- the single row of allocation_run_lock (holder NULL = free) and gives it back when done; a
-- holder older than the run timeout (an instance that died mid-run) may be taken over. The run
-- writes its proposals only while it still holds the row, so a taken-over run cannot write.
CREATE TABLE allocation_run_lock (
    id     INTEGER NOT NULL PRIMARY KEY,
    holder TEXT,
    since  BIGINT
);
INSERT INTO allocation_run_lock (id, holder, since) VALUES (1, NULL, NULL);

-- The seed of the published random draw of a run (the last tie-break). NULL for runs before v3.
ALTER TABLE allocation_runs ADD COLUMN draw_seed BIGINT;

-- Which round of the share a proposal used: 1 (the share of its province), 2 (national, apart
-- from the shares), 0 (a manual assignment by an officer). Counted in SQL for cumulative shares
-- and the fairness report; proposals before v3 keep it in reasons_json only.
ALTER TABLE proposals ADD COLUMN share_round INTEGER;
CREATE INDEX proposals_by_period ON proposals (policy_version, status, device_class, province);

-- Whole months the person had waited when the proposal was made (its score's waitingMonths),
-- so the fairness report counts time waited until allocation in SQL. NULL before v3.
ALTER TABLE proposals ADD COLUMN waited_months INTEGER;
