-- Derived indicators (派生指标): an indicator computed from a ledger's rows by a declared
-- aggregate instead of entered values (docs/ledgers.md). The spec is validated against
-- the ledger catalogue before it is stored.
alter table indicators add column derive jsonb;
