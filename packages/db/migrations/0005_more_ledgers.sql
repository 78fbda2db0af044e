-- More item ledgers (台账), kept as 0003 keeps complaints and commitments (docs/ledgers.md):
-- one typed table per ledger, its columns derived from the dataset JSON Schema
-- ($defs/ledger_<code>) and held to it by a test; org_id leads every key (Citus
-- distribution); every row matched by its `ref` per organisation and versioned; every change
-- audited. The CHECK constraints repeat the rules of packages/core/src/ledgers/ as a last line
-- of defence: every write is validated there first. Areas and amounts are stored in the unit
-- the work summary prints (万平方米, 平方米, 立方米, 万元, as each column's title says).

-- 质量安全监督登记台账: registrations at the quality and safety supervision station.
create table ledger_supervision (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  kind text not null check (kind in ('安全监督', '质量监督', '竣工验收备案', '消防验收')),
  project_name text not null check (btrim(project_name) <> ''),
  building_area numeric check (building_area >= 0),
  registered_at date not null,
  new_start boolean,
  accepted_at date,
  opinion_issued_at date,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint new_start_for_quality check (new_start is null or kind = '质量监督'),
  constraint acceptance_for_fire check ((accepted_at is null and opinion_issued_at is null) or kind = '消防验收'),
  constraint accepted_not_before_registered check (accepted_at is null or accepted_at >= registered_at),
  constraint opinion_after_acceptance check (opinion_issued_at is null or accepted_at is not null),
  constraint opinion_not_before_accepted check (opinion_issued_at is null or opinion_issued_at >= accepted_at)
);

-- 老旧小区改造台账: old residential communities in the renovation plan.
create table ledger_renovations (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  community text not null check (btrim(community) <> ''),
  households integer not null check (households >= 0),
  planned_start date not null,
  started_at date,
  completed_at date,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint completed_after_start check (completed_at is null or started_at is not null),
  constraint completed_not_before_started check (completed_at is null or completed_at >= started_at)
);

-- 廉租住房补贴发放台账: payment batches of the low-rent housing subsidy (amount in 万元).
create table ledger_rent_subsidies (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  households integer not null check (households >= 0),
  amount numeric not null check (amount >= 0),
  paid_at date not null,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id)
);

-- 农房抗震改造台账: rural seismic retrofits by batch and township.
create table ledger_seismic_retrofits (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  batch integer not null check (batch >= 1),
  township text not null check (btrim(township) <> ''),
  households integer not null check (households >= 0),
  status text not null check (status in ('待下达', '实施中', '已完工')),
  completed_at date,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint completed_when_done check ((completed_at is not null) = (status = '已完工'))
);

-- 七个专项行动台账: works completed under the seven campaigns.
create table ledger_campaign_works (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  type text not null check (
    type in ('旱厕消除', '水冲式公厕', '洗手设施', '农贸市场提升改造', '垃圾中转站', '垃圾分类站点', '四分类垃圾箱')
  ),
  quantity integer not null check (quantity >= 1),
  location text not null check (btrim(location) <> ''),
  completed_at date not null,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id)
);

-- 基础设施工程台账: infrastructure works (volume in 立方米, area in 平方米, investment in 万元).
create table ledger_infrastructure (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  type text not null check (type in ('管网', '调节水池', '游园', '小绿地', '道路修补', '交通安全整治')),
  name text not null check (btrim(name) <> ''),
  volume numeric check (volume >= 0),
  area numeric check (area >= 0),
  investment numeric check (investment >= 0),
  status text not null check (status in ('在建', '已建成')),
  started_at date,
  completed_at date,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint completed_when_built check ((completed_at is not null) = (status = '已建成')),
  constraint completed_not_before_started check (completed_at is null or started_at is null or completed_at >= started_at)
);

-- 龙湖项目整改台账: pieces of the 龙湖 rectification done, each item in its one unit.
create table ledger_rectification (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  ref text not null check (ref <> '' and ref = btrim(ref)),
  section_id bigint not null,
  item text not null check (item in ('拆除永久性建筑物', '拆除龙骨栈道及景观平台', '拆除栏杆', '移除树木', '复耕')),
  quantity numeric not null check (quantity >= 0),
  unit text not null check (unit in ('栋', '亩', '米', '棵')),
  done_at date not null,
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, ref),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint unit_of_item check (
    (item, unit) in (('拆除永久性建筑物', '栋'), ('拆除龙骨栈道及景观平台', '亩'), ('拆除栏杆', '米'), ('移除树木', '棵'), ('复耕', '亩'))
  )
);

-- What the aggregates of derived indicators filter and group by: a date per period, a kind or status.
create index ledger_supervision_by_registered on ledger_supervision (org_id, registered_at);
create index ledger_supervision_by_accepted on ledger_supervision (org_id, accepted_at);
create index ledger_supervision_by_opinion on ledger_supervision (org_id, opinion_issued_at);
create index ledger_supervision_by_kind on ledger_supervision (org_id, kind);
create index ledger_supervision_by_section on ledger_supervision (org_id, section_id);
create index ledger_renovations_by_planned on ledger_renovations (org_id, planned_start);
create index ledger_renovations_by_started on ledger_renovations (org_id, started_at);
create index ledger_renovations_by_completed on ledger_renovations (org_id, completed_at);
create index ledger_renovations_by_section on ledger_renovations (org_id, section_id);
create index ledger_rent_subsidies_by_paid on ledger_rent_subsidies (org_id, paid_at);
create index ledger_rent_subsidies_by_section on ledger_rent_subsidies (org_id, section_id);
create index ledger_seismic_retrofits_by_completed on ledger_seismic_retrofits (org_id, completed_at);
create index ledger_seismic_retrofits_by_batch on ledger_seismic_retrofits (org_id, batch, status);
create index ledger_seismic_retrofits_by_section on ledger_seismic_retrofits (org_id, section_id);
create index ledger_campaign_works_by_completed on ledger_campaign_works (org_id, completed_at);
create index ledger_campaign_works_by_type on ledger_campaign_works (org_id, type);
create index ledger_campaign_works_by_section on ledger_campaign_works (org_id, section_id);
create index ledger_infrastructure_by_started on ledger_infrastructure (org_id, started_at);
create index ledger_infrastructure_by_completed on ledger_infrastructure (org_id, completed_at);
create index ledger_infrastructure_by_type on ledger_infrastructure (org_id, type, status);
create index ledger_infrastructure_by_section on ledger_infrastructure (org_id, section_id);
create index ledger_rectification_by_done on ledger_rectification (org_id, done_at);
create index ledger_rectification_by_item on ledger_rectification (org_id, item);
create index ledger_rectification_by_section on ledger_rectification (org_id, section_id);

select audit_table('ledger_supervision');
select audit_table('ledger_renovations');
select audit_table('ledger_rent_subsidies');
select audit_table('ledger_seismic_retrofits');
select audit_table('ledger_campaign_works');
select audit_table('ledger_infrastructure');
select audit_table('ledger_rectification');
