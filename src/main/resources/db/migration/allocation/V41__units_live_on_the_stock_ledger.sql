-- Allocation now reads and reserves released units on the inventory ledger (stock_units with
-- their catalogue variant); the interim table it kept before the ledger existed goes.
DROP TABLE allocation_units;
