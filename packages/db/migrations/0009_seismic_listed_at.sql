-- 农房抗震改造台账: the day a batch was drawn up (列入计划日期, docs/ledgers.md), so that a batch
-- not yet assigned to its township (待下达) has a date that places it in time and a derived
-- indicator can count it ("第二批280户准备下达"). Optional for rows entered before it existed;
-- a batch cannot be completed before it was listed.
alter table ledger_seismic_retrofits add column listed_at date;
alter table ledger_seismic_retrofits add constraint completed_not_before_listed
  check (completed_at is null or listed_at is null or completed_at >= listed_at);
create index ledger_seismic_retrofits_by_listed on ledger_seismic_retrofits (org_id, listed_at);
