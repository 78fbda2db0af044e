-- Organisations, sections and the indicator ledger (指标台账).
--
-- Multi-tenant from the start: every table but `organisations` carries org_id, every
-- primary and foreign key leads with it, and every query filters on it, so that the
-- schema can be distributed by org_id on Citus (organisations as a reference table)
-- without changing a query.

create table organisations (
  id bigint generated always as identity primary key,
  code text not null unique,
  name text not null,
  level text not null default 'district' check (level in ('district', 'city')),
  parent_id bigint references organisations (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- 股室
create table sections (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  code text not null,
  name text not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, code)
);

-- 指标
create table indicators (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  code text not null,
  name text not null,
  unit text not null,
  section_id bigint not null,
  kind text not null check (kind in ('flow', 'level', 'rate')),
  frequency text not null check (frequency in ('monthly', 'quarterly')),
  decimals smallint not null check (decimals between 0 and 6),
  time_progress text not null default 'linear' check (time_progress in ('linear', 'days', 'plan')),
  red_threshold numeric not null default 10 check (red_threshold >= 0),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, code),
  foreign key (org_id, section_id) references sections (org_id, id)
);

-- 目标任务: an annual amount, a growth rate in ％, or both; optionally a plan curve.
create table indicator_targets (
  org_id bigint not null,
  indicator_id bigint not null,
  year smallint not null check (year between 2000 and 2100),
  amount numeric,
  growth numeric,
  -- 计划进度: cumulative planned share (％) of the amount by the end of each month
  plan_curve numeric[] check (plan_curve is null or cardinality(plan_curve) = 12),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, indicator_id, year),
  foreign key (org_id, indicator_id) references indicators (org_id, id) on delete cascade,
  check (amount is not null or growth is not null)
);

-- One value per indicator and period: a month 1–12, or a quarter 1–4 for quarterly indicators.
create table indicator_values (
  org_id bigint not null,
  indicator_id bigint not null,
  year smallint not null check (year between 2000 and 2100),
  period smallint not null check (period between 1 and 12),
  value numeric not null,
  -- 上年同期可比数: the statistics office's revised prior-year figure for the same period
  comparable_base numeric,
  entered_by text,
  entered_at timestamptz not null default now(),
  source text,
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, indicator_id, year, period),
  foreign key (org_id, indicator_id) references indicators (org_id, id) on delete cascade
);

-- The audit trail: one row per inserted, updated or deleted row of any table above,
-- written by trigger in the same transaction as the change. No foreign key: the trail
-- outlives what it records.
create table audit_log (
  org_id bigint not null,
  id bigint generated always as identity,
  at timestamptz not null default now(),
  actor text not null,
  action text not null check (action in ('insert', 'update', 'delete')),
  table_name text not null,
  before jsonb,
  after jsonb,
  primary key (org_id, id)
);

-- Whose change it is: set per transaction by the application (set_config('taizhang.actor', …, true)).
create function audit_actor() returns text language sql stable as $$
  select coalesce(nullif(current_setting('taizhang.actor', true), ''), session_user::text)
$$;

-- The tenant of an audited row; organisations are their own tenant.
create function audit_org(row_data jsonb) returns bigint language sql immutable as $$
  select coalesce((row_data ->> 'org_id')::bigint, (row_data ->> 'id')::bigint)
$$;

-- Inserts and deletes are audited once per statement from its transition table, so a
-- load of thousands of rows writes its trail in one set-based insert.
create function audit_inserted() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, action, table_name, before, after)
  select audit_org(to_jsonb(n)), audit_actor(), 'insert', tg_table_name, null, to_jsonb(n) from new_rows n;
  return null;
end
$$;

create function audit_deleted() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, action, table_name, before, after)
  select audit_org(to_jsonb(o)), audit_actor(), 'delete', tg_table_name, to_jsonb(o), null from old_rows o;
  return null;
end
$$;

-- Updates are audited per row, which pairs each row's before and after without knowing its key.
create function audit_updated() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, action, table_name, before, after)
  values (audit_org(to_jsonb(new)), audit_actor(), 'update', tg_table_name, to_jsonb(old), to_jsonb(new));
  return null;
end
$$;

-- Puts a table on the audit trail; every migration that adds a table calls it.
create function audit_table(audited regclass) returns void language plpgsql as $$
begin
  execute format('create trigger audit_insert after insert on %s referencing new table as new_rows
    for each statement execute function audit_inserted()', audited);
  execute format('create trigger audit_delete after delete on %s referencing old table as old_rows
    for each statement execute function audit_deleted()', audited);
  execute format('create trigger audit_update after update on %s
    for each row execute function audit_updated()', audited);
end
$$;

select audit_table('organisations');
select audit_table('sections');
select audit_table('indicators');
select audit_table('indicator_targets');
select audit_table('indicator_values');

-- The trail is append-only: the database itself refuses to change or remove a record.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end
$$;

create trigger append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger append_only_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

create index indicator_values_by_year on indicator_values (org_id, year, indicator_id);
create index audit_log_by_time on audit_log (org_id, at);
