-- 重点项目台账 (docs/ledgers.md), kept as 0005 keeps the other ledgers: one typed table, its
-- columns derived from the dataset JSON Schema ($defs/ledger_projects) and held to it by a
-- test; org_id leads every key; every row matched by its `ref` per organisation and
-- versioned; every change audited. A project's milestones are a list kept whole in one jsonb
-- column (each item validated in packages/core/src/ledgers/projects.ts before it is written);
-- its facts are a jsonb object. Amounts are in 万元.
create table ledger_projects (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  name text not null check (btrim(name) <> ''),
  category text not null check (category in ('续建', '新建', '前期')),
  type text check (btrim(type) <> ''),
  planned_investment numeric check (planned_investment >= 0),
  investment_to_date numeric check (investment_to_date >= 0),
  location text check (btrim(location) <> ''),
  responsible_unit text check (btrim(responsible_unit) <> ''),
  planned_year integer not null check (planned_year between 2000 and 2100),
  milestones jsonb check (milestones is null or jsonb_typeof(milestones) = 'array'),
  done_suffix text check (btrim(done_suffix) <> ''),
  facts jsonb check (facts is null or jsonb_typeof(facts) = 'object'),
  progress_text text check (btrim(progress_text) <> ''),
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id)
);

-- A report counts and prints the projects of its year, by category.
create index ledger_projects_by_year on ledger_projects (org_id, planned_year, category);
create index ledger_projects_by_section on ledger_projects (org_id, section_id);

select audit_table('ledger_projects');
