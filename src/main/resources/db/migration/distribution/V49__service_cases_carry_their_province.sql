-- Officers see the service cases of their scope (provinces, centres); the case keeps its
-- person's province so the scope is a condition on distribution's own table. Kept in step
-- when the person moves (Beneficiaries.Relocation). The centre is already on the case: the
-- centre that serves it.
ALTER TABLE service_cases ADD COLUMN province TEXT;

-- Cases opened before this column existed. A one-off backfill from beneficiaries' table, not
-- a dependency of the running code.
UPDATE service_cases SET province = (SELECT b.province FROM beneficiaries b WHERE b.id = service_cases.beneficiary_id);

CREATE INDEX service_cases_by_province ON service_cases (province, status);
