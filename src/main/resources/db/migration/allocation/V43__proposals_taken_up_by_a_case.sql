-- When distribution opens the service case of an approved proposal, the proposal is taken up.
-- Kept on the proposal so "approved and still awaiting a case" is one query of allocation's own
-- table: the case list used to take the top 500 approved proposals and then drop those with a
-- case, so once 500 had cases no new approval ever appeared.
ALTER TABLE proposals ADD COLUMN taken_up_at BIGINT;

-- Cases opened before this column existed. The one place allocation's schema reads
-- distribution's table: a one-off backfill, not a dependency of the running code.
UPDATE proposals SET taken_up_at = (SELECT c.created_at FROM service_cases c WHERE c.proposal_id = proposals.id)
 WHERE id IN (SELECT proposal_id FROM service_cases);

CREATE INDEX proposals_awaiting_case ON proposals (status, taken_up_at, priority);
