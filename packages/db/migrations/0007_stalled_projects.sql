-- 停工项目复工复产台账 (docs/ledgers.md), kept as 0005 keeps the other ledgers: one typed
-- table, its columns derived from the dataset JSON Schema ($defs/ledger_stalled_projects) and
-- held to it by a test; org_id leads every key; every row matched by its `ref` per
-- organisation and versioned; every change audited. The CHECK constraints repeat the rules of
-- packages/core/src/ledgers/stalled-projects.ts as a last line of defence. Progress is the
-- share of the works done, in per cent (0 to 100).
create table ledger_stalled_projects (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  name text not null check (btrim(name) <> ''),
  resumed_at date not null,
  progress numeric check (progress between 0 and 100),
  progress_at date,
  planned_pre_acceptance date,
  planned_completion date,
  completed_at date,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint progress_with_date check (progress is null or progress_at is not null),
  constraint progress_not_before_resumed check (progress_at is null or progress_at >= resumed_at),
  constraint completion_not_before_pre_acceptance check (
    planned_completion is null or planned_pre_acceptance is null or planned_completion >= planned_pre_acceptance
  ),
  constraint completed_not_before_resumed check (completed_at is null or completed_at >= resumed_at)
);

-- What the aggregates of derived indicators filter and group by: a date per period.
create index ledger_stalled_projects_by_resumed on ledger_stalled_projects (org_id, resumed_at);
create index ledger_stalled_projects_by_progress on ledger_stalled_projects (org_id, progress_at);
create index ledger_stalled_projects_by_planned on ledger_stalled_projects (org_id, planned_completion);
create index ledger_stalled_projects_by_completed on ledger_stalled_projects (org_id, completed_at);
create index ledger_stalled_projects_by_section on ledger_stalled_projects (org_id, section_id);

select audit_table('ledger_stalled_projects');
