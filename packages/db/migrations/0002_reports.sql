-- What the annual work summary (工作总结) needs beside the figures: the organisation's
-- short name, indicators without year-on-year comparison, narrative blocks (叙述) and
-- report templates (报告模板).
--
-- As in 0001: every new table carries org_id first in every key, so the schema stays
-- distributable by org_id on Citus, and every change to a row is audited by trigger.

-- 简称, e.g. 示范区: how report text names the organisation (its name when null).
alter table organisations add column short_name text check (short_name <> '');

-- 同比: false for counts entered once for the period (消除旱厕座数), which have no prior-year
-- base, growth or points over a growth target.
alter table indicators add column year_on_year boolean not null default true;

-- 叙述: qualitative text of the summary, owned by a section. For the report of 1－M月 the
-- block of a key and year with the latest `through` not after M is used; a null `through`
-- serves the whole year. The text may hold Liquid expressions, rendered with the report.
create table narratives (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  key text not null,
  year smallint not null check (year between 2000 and 2100),
  through smallint check (through between 1 and 12),
  section_id bigint not null,
  title text,
  text text not null check (text <> ''),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, section_id) references sections (org_id, id)
);

-- One block per (key, year, through), a null through counting as one value: a plain unique
-- constraint would let any number of whole-year blocks of one key coexist.
create unique index narratives_by_key on narratives (org_id, key, year, (coalesce(through, 0)));

-- 报告模板: the Liquid text of a work summary.
create table report_templates (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  code text not null,
  name text not null,
  text text not null check (text <> ''),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, code)
);

-- The same audit trail as every table of 0001, by the same functions.
select audit_table('narratives');
select audit_table('report_templates');
