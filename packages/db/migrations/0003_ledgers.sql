-- Item ledgers (台账): registers of the items a section keeps, one typed table per ledger
-- (docs/ledgers.md). Their fields are defined once, in the dataset JSON Schema
-- ($defs/ledger_<code>); these columns are derived from it (camelCase receivedAt is the
-- column received_at; format date → date, date-time → timestamptz, string → text), and a
-- test holds the two together.
--
-- As in 0001: org_id leads every key, so the tables distribute by org_id on Citus; every
-- change is audited by trigger. Every row is matched by its `ref`, unique per organisation,
-- and carries a version that each change raises by one, so a stale edit can be refused.
-- Who made and last changed a row is the transaction's actor (audit_actor(), from
-- set_config('taizhang.actor', …, true)). The CHECK constraints repeat the rules of
-- packages/core/src/ledgers/ as a last line of defence: every write is validated there first.
-- A date is compared with the Beijing day of an instant ((t at time zone 'UTC') + 8 hours),
-- so a complaint may be due the very day it was received.

-- 群众投诉台账: citizen complaints, from receipt (受理) to reply (答复), closure (办结) and rating.
create table ledger_complaints (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  channel text not null check (channel in ('12345热线', '市长信箱', '来信', '来访', '网络', '电话', '其他')),
  received_at timestamptz not null,
  category text not null check (btrim(category) <> ''),
  summary text not null check (btrim(summary) <> ''),
  due_date date,
  replied_at timestamptz,
  closed_at timestamptz,
  satisfaction text check (satisfaction in ('满意', '基本满意', '不满意')),
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint due_not_before_received
    check (due_date is null or due_date >= ((received_at at time zone 'UTC') + interval '8 hours')::date),
  constraint replied_not_before_received check (replied_at is null or replied_at >= received_at),
  constraint closed_not_before_received check (closed_at is null or closed_at >= received_at),
  constraint closed_after_reply check (closed_at is null or replied_at is not null),
  constraint rated_when_closed check (satisfaction is null or closed_at is not null)
);

-- 我为群众办实事: service commitments announced to the public, with their due and done dates.
create table ledger_commitments (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  title text not null check (btrim(title) <> ''),
  announced_at date not null,
  due_date date not null,
  done_at date,
  evidence text,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint due_not_before_announced check (due_date >= announced_at),
  constraint done_not_before_announced check (done_at is null or done_at >= announced_at)
);

-- What the aggregates of derived indicators filter and group by: a date per period, a category.
create index ledger_complaints_by_received on ledger_complaints (org_id, received_at);
create index ledger_complaints_by_closed on ledger_complaints (org_id, closed_at);
create index ledger_complaints_by_category on ledger_complaints (org_id, category);
create index ledger_complaints_by_section on ledger_complaints (org_id, section_id);
create index ledger_commitments_by_announced on ledger_commitments (org_id, announced_at);
create index ledger_commitments_by_done on ledger_commitments (org_id, done_at);
create index ledger_commitments_by_section on ledger_commitments (org_id, section_id);

select audit_table('ledger_complaints');
select audit_table('ledger_commitments');
