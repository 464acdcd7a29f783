-- Proposals already carry their person's province; with the centre too, an officer scoped to
-- some centres sees only their proposals, by a condition on allocation's own table. Kept in
-- step when the person moves (Beneficiaries.Relocation). NULL (never written by the code)
-- matches no centre-scoped officer.
ALTER TABLE proposals ADD COLUMN centre TEXT;

-- Proposals made before this column existed: a one-off backfill from beneficiaries' table.
UPDATE proposals SET centre = (SELECT b.centre FROM beneficiaries b WHERE b.id = proposals.beneficiary_id);
