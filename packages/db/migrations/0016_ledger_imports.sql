-- 导入记录: each import of a workbook into a ledger (docs/excel.md), kept beside the audit
-- records of the rows it inserted and changed: the file's name, the sheet it was read from
-- and how many rows it inserted, updated and left as they were. Audited like every other
-- table, so the import itself stands in the trail with whoever made it.
create table ledger_imports (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ledger text not null,
  file_name text not null check (length(file_name) between 1 and 255),
  sheet text not null,
  inserted integer not null check (inserted >= 0),
  updated integer not null check (updated >= 0),
  unchanged integer not null check (unchanged >= 0),
  imported_by text not null default audit_actor(),
  imported_at timestamptz not null default now(),
  primary key (org_id, id)
);

select audit_table('ledger_imports');
