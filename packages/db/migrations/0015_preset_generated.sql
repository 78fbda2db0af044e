-- The preset's eleven ledgers (群众投诉 … 停工项目复工复产) move from their hand-written tables of
-- 0003–0009 into the generated form of 0014 (docs/ledgers.md, "The preset"): each organisation
-- holds them in its catalogue, as catalogue rows made from the preset's definitions, and keeps
-- their rows in generated tables ledger_t<id> with columns c<n>, as it keeps the types it
-- defines itself. Nothing is lost on the way: every row moves with its id, ref, version and
-- bookkeeping; the audit records of earlier changes stay as they were written (the hash chain
-- of 0012 forbids rewriting them) and name the old table, which the catalogue row keeps in
-- `legacy_table` so a row's history reads on across the move.
--
-- ledger_presets holds the definitions as this release ships them, the JSON of
-- packages/core/src/presets/seed-ledgers.json (a test holds the two equal). An organisation
-- gets them when a dataset of its own is first loaded (install_ledger_preset below), in that
-- load's transaction. The runtime role may read the presets but not change them (migrate.ts,
-- READ_ONLY_TABLES).

alter table ledger_types
  add column preset boolean not null default false,
  add column legacy_table text check (legacy_table ~ '^ledger_[a-z_]+$');

comment on column ledger_types.preset is 'installed from ledger_presets: the organisation does not redefine it';
comment on column ledger_types.legacy_table is 'the hand-written table its rows were kept in before 0015, as older audit records name it';

create table ledger_presets (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  position integer not null unique,
  definition jsonb not null check (jsonb_typeof(definition) = 'object' and definition ->> 'code' = code)
);

insert into ledger_presets (code, position, definition)
select t.value ->> 'code', t.ordinality, t.value
from jsonb_array_elements($preset$
[
{"code":"complaints","name":"群众投诉台账","rowTitle":"群众投诉","description":"群众投诉: one citizen complaint (12345 hotline ticket, letter, visit …), from receipt to closure and the citizen's rating. Rules across fields: docs/ledgers.md.","refTitle":"投诉编号","sectionTitle":"承办股室","refDescription":"The ticket number, e.g. 12345-2021-000118.","placedBy":"receivedAt","fields":[{"code":"channel","title":"来源渠道","type":"choice","values":["12345热线","市长信箱","来信","来访","网络","电话","其他"],"required":true,"description":"Where the complaint came in."},{"code":"receivedAt","title":"受理时间","type":"dateTime","required":true},{"code":"category","title":"问题类别","type":"text","maxLength":50,"required":true,"description":"e.g. 物业管理, 供水保障, 拖欠民工工资."},{"code":"summary","title":"内容摘要","type":"text","maxLength":2000,"required":true,"description":"What the complaint is about, in a sentence or two."},{"code":"dueDate","title":"办理时限","type":"date","description":"The last day for handling it; not before the day it was received.","due":{"doneBy":"closedAt","warnDays":3}},{"code":"repliedAt","title":"答复时间","type":"dateTime","description":"When the citizen was answered; not before it was received."},{"code":"closedAt","title":"办结时间","type":"dateTime","description":"When it was closed; not before it was received, and only once it was answered (repliedAt)."},{"code":"satisfaction","title":"满意度","type":"choice","values":["满意","基本满意","不满意"],"description":"The citizen's rating; only for a closed complaint (closedAt)."}],"rules":[{"rule":"notBefore","field":"dueDate","earlier":"receivedAt"},{"rule":"notBefore","field":"repliedAt","earlier":"receivedAt"},{"rule":"notBefore","field":"closedAt","earlier":"receivedAt"},{"rule":"requires","field":"closedAt","needs":"repliedAt","reason":"没有答复群众的投诉不能办结"},{"rule":"requires","field":"satisfaction","needs":"closedAt","reason":"满意度是群众对已办结投诉的评价"}]},
{"code":"commitments","name":"我为群众办实事台账","rowTitle":"办实事事项","description":"我为群众办实事: one commitment announced to the public, with its promised and actual completion dates. Rules across fields: docs/ledgers.md.","refTitle":"事项编号","numbering":"BSS-{year}-{seq:2}","sectionTitle":"责任股室","refDescription":"e.g. BSS-2021-01.","placedBy":"announcedAt","fields":[{"code":"title","title":"承诺事项","type":"text","maxLength":200,"required":true,"description":"e.g. 老旧小区加装电梯试点."},{"code":"announcedAt","title":"公开承诺日期","type":"date","required":true},{"code":"dueDate","title":"承诺办结日期","type":"date","required":true,"description":"Not before the day it was announced.","due":{"doneBy":"doneAt","warnDays":14}},{"code":"doneAt","title":"办结日期","type":"date","description":"Not before the day it was announced."},{"code":"evidence","title":"办结佐证","type":"text","maxLength":2000,"description":"What shows it done: a document number, a link, a short note."}],"rules":[{"rule":"notBefore","field":"dueDate","earlier":"announcedAt"},{"rule":"notBefore","field":"doneAt","earlier":"announcedAt"}]},
{"code":"supervision","name":"质量安全监督登记台账","rowTitle":"受监登记","description":"质量安全监督登记: one registration at the quality and safety supervision station (质量安全监督站): a project under safety supervision (安全监督), a work under quality supervision (质量监督), a completion acceptance filing (竣工验收备案) or a fire-protection acceptance (消防验收). Rules across fields: docs/ledgers.md.","refTitle":"登记编号","sectionTitle":"登记股室","refDescription":"e.g. AJ-2021-001.","fields":[{"code":"kind","title":"登记类别","type":"choice","values":["安全监督","质量监督","竣工验收备案","消防验收"],"required":true,"description":"What was registered."},{"code":"projectName","title":"项目名称","type":"text","maxLength":200,"required":true,"description":"The project or work, e.g. 示范区第一中学教学楼."},{"code":"buildingArea","title":"建筑面积（万平方米）","type":"decimal","min":0,"unit":"万平方米","description":"The building area in 万平方米 (10 000 ㎡), the unit the work summary prints, e.g. 1.46 for 14 600 ㎡; not negative, kept exactly as written."},{"code":"registeredAt","title":"受理日期","type":"date","required":true,"description":"The day the registration (or the application, for 消防验收) was accepted."},{"code":"newStart","title":"新开工","type":"boolean","description":"Whether the work started this year (新开工项目); only for 质量监督."},{"code":"acceptedAt","title":"验收日期","type":"date","description":"For 消防验收 only: the day of the acceptance inspection; not before registeredAt."},{"code":"opinionIssuedAt","title":"意见书出具日期","type":"date","description":"For 消防验收 only: the day the acceptance opinion (验收意见书) was issued; not before acceptedAt, and only once accepted."}],"rules":[{"rule":"onlyWhen","field":"newStart","when":"kind","in":["质量监督"]},{"rule":"onlyWhen","field":"acceptedAt","when":"kind","in":["消防验收"]},{"rule":"onlyWhen","field":"opinionIssuedAt","when":"kind","in":["消防验收"]},{"rule":"notBefore","field":"acceptedAt","earlier":"registeredAt"},{"rule":"notBefore","field":"opinionIssuedAt","earlier":"acceptedAt"},{"rule":"requires","field":"opinionIssuedAt","needs":"acceptedAt","reason":"验收意见书只能在验收之后出具"}]},
{"code":"renovations","name":"老旧小区改造台账","rowTitle":"改造小区","description":"老旧小区改造: one old residential community (老旧小区) in the renovation plan, with its households and its planned, actual start and completion. Rules across fields: docs/ledgers.md.","refTitle":"改造项目编号","sectionTitle":"责任股室","refDescription":"e.g. LJGZ-2021-01.","fields":[{"code":"community","title":"小区名称","type":"text","maxLength":200,"required":true,"description":"e.g. 人民路供电局家属院."},{"code":"households","title":"改造户数","type":"integer","min":0,"required":true,"description":"The households of the community covered by the renovation."},{"code":"plannedStart","title":"计划开工日期","type":"date","required":true,"description":"The start the plan sets; places the community in the year's plan."},{"code":"startedAt","title":"开工日期","type":"date"},{"code":"completedAt","title":"完工日期","type":"date","description":"Not before startedAt, and only once started."}],"rules":[{"rule":"notBefore","field":"completedAt","earlier":"startedAt"},{"rule":"requires","field":"completedAt","needs":"startedAt","reason":"没有开工的项目不能完工"}]},
{"code":"rent_subsidies","name":"廉租住房补贴发放台账","rowTitle":"补贴发放批次","description":"廉租住房补贴发放: one payment batch of the low-rent housing rent subsidy (廉租住房租赁补贴): how many households it paid and how much, in 万元.","refTitle":"发放批次编号","sectionTitle":"发放股室","refDescription":"e.g. LZBT-2021-01.","fields":[{"code":"households","title":"发放户数","type":"integer","min":0,"required":true,"description":"The households the batch paid; a household is paid in one batch per period."},{"code":"amount","title":"发放金额（万元）","type":"decimal","min":0,"unit":"万元","required":true,"description":"In 万元, not negative, kept exactly as written."},{"code":"paidAt","title":"发放日期","type":"date","required":true}],"rules":[]},
{"code":"seismic_retrofits","name":"农房抗震改造台账","rowTitle":"抗震改造任务","description":"农房抗震改造: the rural houses of one batch (批次) in one township or sub-district (乡镇、街道) to be retrofitted against earthquakes, with the batch's status. Rules across fields: docs/ledgers.md.","refTitle":"任务编号","sectionTitle":"责任股室","refDescription":"e.g. NFKZ-2021-1-01.","fields":[{"code":"batch","title":"批次","type":"integer","min":1,"required":true,"description":"The batch, 1 for the first."},{"code":"township","title":"乡镇（街道）","type":"text","maxLength":50,"required":true,"description":"e.g. 龙泉镇."},{"code":"households","title":"改造户数","type":"integer","min":0,"required":true},{"code":"status","title":"实施状态","type":"choice","values":["待下达","实施中","已完工"],"datedBy":{"已完工":"completedAt"},"required":true,"description":"待下达: not yet assigned to the township; 实施中: under way; 已完工: done."},{"code":"completedAt","title":"完工日期","type":"date","description":"Required when the status is 已完工, and only then."},{"code":"listedAt","title":"列入计划日期","type":"date","description":"The day the batch was drawn up (列入改造计划): what places a batch not yet assigned in time. Not after completedAt."}],"rules":[{"rule":"requiredWhen","field":"completedAt","when":"status","in":["已完工"]},{"rule":"onlyWhen","field":"completedAt","when":"status","in":["已完工"]},{"rule":"notBefore","field":"completedAt","earlier":"listedAt"}]},
{"code":"campaign_works","name":"七个专项行动台账","rowTitle":"专项行动完成事项","description":"七个专项行动: one piece of work completed under the seven campaigns (七个专项行动) for a warmer city: so many dry toilets removed, public toilets, hand-washing points, markets, transfer stations, sorting points or four-way bins at one place.","refTitle":"事项编号","sectionTitle":"责任股室","refDescription":"e.g. QGZX-2021-001.","fields":[{"code":"type","title":"行动类别","type":"choice","values":["旱厕消除","水冲式公厕","洗手设施","农贸市场提升改造","垃圾中转站","垃圾分类站点","四分类垃圾箱"],"required":true},{"code":"quantity","title":"数量","type":"integer","min":1,"required":true,"description":"How many (座, 个) were done at this place."},{"code":"location","title":"地点","type":"text","maxLength":200,"required":true,"description":"e.g. 城关街道文化社区."},{"code":"completedAt","title":"完成日期","type":"date","required":true}],"rules":[]},
{"code":"infrastructure","name":"基础设施工程台账","rowTitle":"基础设施工程","description":"基础设施工程: one infrastructure work (补短板): pipe networks, regulating tanks, parks, small green plots, road repairs, traffic safety works, with its size, investment and status. Rules across fields: docs/ledgers.md.","refTitle":"工程编号","sectionTitle":"责任股室","refDescription":"e.g. JCSS-2021-01.","fields":[{"code":"type","title":"工程类别","type":"choice","values":["管网","调节水池","游园","小绿地","道路修补","交通安全整治"],"required":true},{"code":"name","title":"工程名称","type":"text","maxLength":200,"required":true,"description":"e.g. 九曲文河游园."},{"code":"volume","title":"容积（立方米）","type":"decimal","min":0,"unit":"立方米","description":"In 立方米, not negative."},{"code":"area","title":"面积（平方米）","type":"decimal","min":0,"unit":"平方米","description":"In 平方米, not negative."},{"code":"investment","title":"投资（万元）","type":"decimal","min":0,"unit":"万元","description":"In 万元, not negative."},{"code":"status","title":"建设状态","type":"choice","values":["在建","已建成"],"datedBy":{"已建成":"completedAt"},"required":true},{"code":"startedAt","title":"开工日期","type":"date"},{"code":"completedAt","title":"建成日期","type":"date","description":"Not before startedAt; required when the status is 已建成, and only then."}],"rules":[{"rule":"notBefore","field":"completedAt","earlier":"startedAt"},{"rule":"requiredWhen","field":"completedAt","when":"status","in":["已建成"]},{"rule":"onlyWhen","field":"completedAt","when":"status","in":["已建成"]}]},
{"code":"rectification","name":"龙湖项目整改台账","rowTitle":"整改完成事项","description":"龙湖项目整改: one piece of the 龙湖 project's rectification done: buildings demolished, boardwalks and platforms removed, railings, trees, farmland restored (复耕), with its quantity and unit. Rules across fields: docs/ledgers.md.","refTitle":"整改事项编号","sectionTitle":"责任股室","refDescription":"e.g. LHZG-2021-01.","fields":[{"code":"item","title":"整改内容","type":"choice","values":["拆除永久性建筑物","拆除龙骨栈道及景观平台","拆除栏杆","移除树木","复耕"],"required":true},{"code":"quantity","title":"数量","type":"decimal","min":0,"required":true,"description":"Not negative, in `unit`."},{"code":"unit","title":"计量单位","type":"choice","values":["栋","亩","米","棵"],"required":true,"description":"栋 for buildings, 亩 for platforms and farmland, 米 for railings, 棵 for trees."},{"code":"doneAt","title":"完成日期","type":"date","required":true}],"rules":[{"rule":"impliedBy","field":"unit","when":"item","implies":{"拆除永久性建筑物":"栋","拆除龙骨栈道及景观平台":"亩","拆除栏杆":"米","移除树木":"棵","复耕":"亩"}}]},
{"code":"projects","name":"重点项目台账","rowTitle":"重点项目","description":"重点项目: one key project of the city's plan for a year (续建, 新建 or 前期), with its investment and its milestones. Rules across fields: docs/ledgers.md.","refTitle":"项目编号","sectionTitle":"责任股室","refDescription":"e.g. ZDXM-2021-01.","fields":[{"code":"name","title":"项目名称","type":"text","maxLength":200,"required":true,"description":"As the report names it, e.g. 龙海路建设项目."},{"code":"category","title":"项目类别","type":"choice","values":["续建","新建","前期"],"required":true},{"code":"type","title":"项目类型","type":"text","maxLength":100,"description":"e.g. 道路, 商业综合体, 产业园."},{"code":"plannedInvestment","title":"计划总投资（万元）","type":"decimal","min":0,"unit":"万元","description":"In 万元, not negative."},{"code":"investmentToDate","title":"累计完成投资（万元）","type":"decimal","min":0,"unit":"万元","description":"In 万元, not negative."},{"code":"location","title":"建设地点","type":"text","maxLength":200},{"code":"responsibleUnit","title":"责任单位","type":"text","maxLength":200},{"code":"plannedYear","title":"计划年度","type":"integer","min":2000,"max":2100,"required":true,"description":"The year whose plan lists the project; a report of that year counts it."},{"code":"milestones","title":"节点进度","type":"stages","stages":["可研","环评","水保","选址意见书","用地报批","林地报批","规划审查","施工图设计","开工","地下室","主体施工","主体完工","附属设施及装修","竣工验收","投入使用","招商"],"maxItems":50,"description":"The project's milestones, each a stage with its status; doneAt is required when the status is 已完成, and only then. Stored as jsonb."},{"code":"doneSuffix","title":"已完成节点后缀","type":"text","maxLength":100,"description":"Words printed after the stages done in the generated sentence, e.g. 等前期手续报批."},{"code":"facts","title":"项目情况","type":"facts","description":"Free facts of the project (e.g. merchants: 36), for its progressText. Stored as jsonb."},{"code":"progressText","title":"进展表述","type":"text","maxLength":2000,"description":"The project's sentence as the report prints it, instead of the one generated from its milestones; may hold Liquid (project.name, project.facts.*).","template":true}],"rules":[]},
{"code":"stalled_projects","name":"停工项目复工复产台账","rowTitle":"复工项目","description":"停工项目复工复产: one stalled project that resumed work, with the share of its works done, the day that share was reported, and its planned and actual acceptance. Rules across fields: docs/ledgers.md.","refTitle":"复工项目编号","sectionTitle":"责任股室","refDescription":"e.g. TGFG-2021-01.","fields":[{"code":"name","title":"项目名称","type":"text","maxLength":200,"required":true,"description":"e.g. 东郡明珠二标段项目."},{"code":"resumedAt","title":"复工日期","type":"date","required":true},{"code":"progress","title":"已完成工程量比例（％）","type":"decimal","min":0,"unit":"％","description":"The share of the project's works done, in per cent: 0 to 100. Requires progressAt.","max":100},{"code":"progressAt","title":"进度填报日期","type":"date","description":"The day progress was reported; not before resumedAt."},{"code":"plannedPreAcceptance","title":"计划预验收日期","type":"date"},{"code":"plannedCompletion","title":"计划竣工验收日期","type":"date","description":"Not before plannedPreAcceptance."},{"code":"completedAt","title":"竣工验收日期","type":"date","description":"Not before resumedAt."}],"rules":[{"rule":"requires","field":"progress","needs":"progressAt","reason":"工程进度须注明是哪一天填报的"},{"rule":"notBefore","field":"progressAt","earlier":"resumedAt"},{"rule":"notBefore","field":"plannedCompletion","earlier":"plannedPreAcceptance"},{"rule":"notBefore","field":"completedAt","earlier":"resumedAt"}]}
]$preset$::jsonb) with ordinality t;

-- The checks a generated table carries, built from its definition as the hand-written tables'
-- CHECK constraints were written by hand: the last line of defence behind the rules of
-- packages/core/src/ledgers/, which every write passes first. A required field is not null; a
-- choice is one of its values; a number keeps its bounds; a list of stages is an array and a
-- set of facts an object; each rule across fields (notBefore, requires, requiredWhen, onlyWhen,
-- impliedBy) is one constraint. A date is compared with the Beijing day of an instant. A retired
-- field is no longer checked. Values reach the DDL only as quoted literals, names only as
-- generated columns.
create function ledger_check_list(definition jsonb, type_columns jsonb) returns table (name text, expression text)
language plpgsql stable as $$
declare
  f jsonb;
  r jsonb;
  n integer := 0;
  c text;
  kind text;
  a text;
  b text;
  a_type text;
  b_type text;
begin
  for f in select value from jsonb_array_elements(definition -> 'fields') loop
    continue when coalesce((f ->> 'retired')::boolean, false);
    c := type_columns -> (f ->> 'code') ->> 'column';
    kind := f ->> 'type';
    if coalesce((f ->> 'required')::boolean, false) then
      return query select c || '_required', format('%I is not null', c);
    end if;
    if kind = 'choice' and f ? 'values' then
      return query select c || '_in_list', format('%I is null or %I = any (%L::text[])', c, c,
        array(select jsonb_array_elements_text(f -> 'values')));
    end if;
    if kind in ('integer', 'decimal') and f ? 'min' then
      return query select c || '_at_least', format('%I >= %L::numeric', c, f ->> 'min');
    end if;
    if kind in ('integer', 'decimal') and f ? 'max' then
      return query select c || '_at_most', format('%I <= %L::numeric', c, f ->> 'max');
    end if;
    if kind = 'stages' then
      return query select c || '_is_list', format('%I is null or jsonb_typeof(%I) = %L', c, c, 'array');
    end if;
    if kind = 'facts' then
      return query select c || '_is_object', format('%I is null or jsonb_typeof(%I) = %L', c, c, 'object');
    end if;
  end loop;
  for r in select value from jsonb_array_elements(coalesce(definition -> 'rules', '[]')) loop
    n := n + 1;
    a := type_columns -> (r ->> 'field') ->> 'column';
    b := type_columns -> coalesce(r ->> 'earlier', r ->> 'needs', r ->> 'when') ->> 'column';
    continue when a is null or b is null;
    case r ->> 'rule'
      when 'notBefore' then
        a_type := type_columns -> (r ->> 'field') ->> 'type';
        b_type := type_columns -> (r ->> 'earlier') ->> 'type';
        return query select format('rule_%s_not_before', n), format('%I is null or %I is null or %s >= %s', a, b,
          case when a_type = 'timestamptz' and b_type = 'date' then format('((%I at time zone %L) + interval %L)::date', a, 'UTC', '8 hours') else format('%I', a) end,
          case when a_type = 'date' and b_type = 'timestamptz' then format('((%I at time zone %L) + interval %L)::date', b, 'UTC', '8 hours') else format('%I', b) end);
      when 'requires' then
        return query select format('rule_%s_requires', n), format('%I is null or %I is not null', a, b);
      when 'requiredWhen' then
        return query select format('rule_%s_required_when', n), format('%I is not null or not coalesce(%I = any (%L::text[]), false)', a, b,
          array(select jsonb_array_elements_text(r -> 'in')));
      when 'onlyWhen' then
        return query select format('rule_%s_only_when', n), format('%I is null or %I is null or %I = any (%L::text[])', a, b, b,
          array(select jsonb_array_elements_text(r -> 'in')));
      when 'impliedBy' then
        return query select format('rule_%s_implied_by', n), format('%I is null or %I is null or not (%L::jsonb ? %I) or %I = %L::jsonb ->> %I',
          a, b, r -> 'implies', b, a, r -> 'implies', b);
      else
        raise exception 'ledger rule % is not known', r ->> 'rule';
    end case;
  end loop;
end
$$;

-- ledger_table_sync (0014) again, now with the checks above: they are dropped and made anew
-- on every change of the definition, so a retired field or a changed list of values is
-- checked as the definition now says (every kept row is checked against them on the way).
create or replace function ledger_table_sync(org bigint, type_code text) returns text
language plpgsql security definer as $$
declare
  type_id bigint;
  type_definition jsonb;
  type_columns jsonb;
  held text;
  -- Schema-qualified: a name left bare would also find a temporary table of the caller's
  -- session (pg_temp is on the search path), and the real table would never be made.
  qualified text;
  col record;
  chk record;
begin
  select t.id, t.definition, t.columns into type_id, type_definition, type_columns
  from ledger_types t where t.org_id = org and t.code = type_code;
  if type_id is null then
    raise exception 'no ledger type % in organisation %', type_code, org using errcode = 'no_data_found';
  end if;
  held := 'ledger_t' || type_id;
  qualified := format('%I.%I', current_schema(), held);
  if to_regclass(qualified) is null then
    execute format($ddl$create table %s (
        org_id bigint not null references organisations (id) on delete cascade,
        id bigint generated always as identity,
        ref text not null check (ref <> '' and ref = btrim(ref)),
        section_id bigint not null,
        version integer not null default 1,
        created_by text not null default audit_actor(),
        created_at timestamptz not null default now(),
        updated_by text not null default audit_actor(),
        updated_at timestamptz not null default now(),
        primary key (org_id, id),
        unique (org_id, ref),
        foreign key (org_id, section_id) references sections (org_id, id)
      )$ddl$, qualified);
    execute format('create index %I on %s (org_id, section_id)', held || '_by_section', qualified);
    perform audit_table(qualified::regclass);
    -- The runtime role writes rows as it does in every other table (migrate.ts, grantRuntime).
    if session_user <> current_user then
      execute format('grant select, insert, update, delete on table %s to %I', qualified, session_user);
    end if;
  end if;
  for col in
    select c.value ->> 'column' as name, c.value ->> 'type' as sql_type, coalesce((c.value ->> 'indexed')::boolean, false) as indexed
    from jsonb_each(type_columns) c
    order by length(c.value ->> 'column'), c.value ->> 'column'
  loop
    if col.name is null or col.name !~ '^c[0-9]{1,4}$' then
      raise exception 'ledger type %: % is not a generated column name', type_code, col.name;
    end if;
    if col.sql_type is null or col.sql_type not in ('text', 'date', 'timestamptz', 'numeric', 'integer', 'boolean', 'jsonb') then
      raise exception 'ledger type %: % is not a column type', type_code, col.sql_type;
    end if;
    if not exists (
      select 1 from pg_attribute a where a.attrelid = qualified::regclass and a.attname = col.name and not a.attisdropped
    ) then
      execute format('alter table %s add column %I %s', qualified, col.name, col.sql_type);
    elsif not exists (
      select 1 from pg_attribute a
      where a.attrelid = qualified::regclass and a.attname = col.name and format_type(a.atttypid, null) = case col.sql_type
        when 'timestamptz' then 'timestamp with time zone' else col.sql_type end
    ) then
      raise exception 'ledger type %: column % cannot change its type', type_code, col.name;
    end if;
    if col.indexed then
      execute format('create index if not exists %I on %s (org_id, %I)', held || '_' || col.name, qualified, col.name);
    end if;
  end loop;
  for chk in
    select conname from pg_constraint
    where conrelid = qualified::regclass and contype = 'c' and conname ~ '^(c[0-9]+_|rule_[0-9]+_)'
  loop
    execute format('alter table %s drop constraint %I', qualified, chk.conname);
  end loop;
  for chk in select name, expression from ledger_check_list(type_definition, type_columns) loop
    execute format('alter table %s add constraint %I check (%s)', qualified, chk.name, chk.expression);
  end loop;
  return held;
end
$$;

-- Where each field of a definition is kept: field → {column c<n>, type, indexed}, numbered in
-- field order. The same placement packages/db/src/queries/ledger-types.ts gives a new type
-- (held together by a test): a choice, section or reference is text, a list of stages or of
-- facts jsonb; the kinds a derived figure filters, places or groups by are indexed.
create function ledger_definition_columns(definition jsonb) returns jsonb language sql immutable as $$
  select coalesce(jsonb_object_agg(f.value ->> 'code', jsonb_build_object(
      'column', 'c' || f.ordinality,
      'type', case f.value ->> 'type'
        when 'integer' then 'integer' when 'decimal' then 'numeric' when 'date' then 'date'
        when 'dateTime' then 'timestamptz' when 'boolean' then 'boolean'
        when 'stages' then 'jsonb' when 'facts' then 'jsonb' else 'text' end,
      'indexed', f.value ->> 'type' in ('date', 'dateTime', 'integer', 'choice', 'section', 'reference'))), '{}')
  from jsonb_array_elements(definition -> 'fields') with ordinality f
$$;

-- Puts the preset's types an organisation does not hold yet in its catalogue and makes their
-- tables; a type it already holds is left as it is, so calling it again writes nothing. A
-- dataset load calls it for the organisation it loads (services/src/load-dataset.ts).
create function install_ledger_preset(org bigint) returns integer language plpgsql as $$
declare
  p record;
  installed integer := 0;
begin
  for p in
    select lp.code, lp.definition from ledger_presets lp
    where not exists (select 1 from ledger_types t where t.org_id = org and t.code = lp.code)
    order by lp.position
  loop
    insert into ledger_types (org_id, code, definition, columns, preset)
    values (org, p.code, p.definition, ledger_definition_columns(p.definition), true);
    perform ledger_table_sync(org, p.code);
    installed := installed + 1;
  end loop;
  return installed;
end
$$;

-- The move. Each existing organisation gets the preset's catalogue rows, naming the table
-- their rows come from; the rows are copied with their ids (the identity then continues
-- after the highest) while the audit triggers are off, because the copy is no change to
-- them: their trail is the one already written under the old table's name.
do $$
declare
  o record;
  p record;
  t record;
  legacy text;
  target text;
  kept text;
  taken text;
begin
  for o in select id from organisations order by id loop
    for p in select code, definition from ledger_presets order by position loop
      legacy := 'ledger_' || p.code;
      insert into ledger_types (org_id, code, definition, columns, preset, legacy_table)
      values (o.id, p.code, p.definition, ledger_definition_columns(p.definition), true,
        case when to_regclass(format('%I.%I', current_schema(), legacy)) is not null then legacy end);
      perform ledger_table_sync(o.id, p.code);
    end loop;
  end loop;
  for t in select lt.org_id, lt.id, lt.columns, lt.legacy_table from ledger_types lt where lt.legacy_table is not null loop
    target := format('%I.%I', current_schema(), 'ledger_t' || t.id);
    -- the old column of a field is its code in snake case: receivedAt was received_at
    select string_agg(format('%I', c.value ->> 'column'), ', ' order by c.key),
        string_agg(format('%I::%s', lower(regexp_replace(c.key, '([A-Z])', '_\1', 'g')), c.value ->> 'type'), ', ' order by c.key)
      into kept, taken
      from jsonb_each(t.columns) c;
    execute format('alter table %s disable trigger user', target);
    execute format('insert into %s (org_id, id, ref, section_id, %s, version, created_by, created_at, updated_by, updated_at)
        overriding system value
        select org_id, id, ref, section_id, %s, version, created_by, created_at, updated_by, updated_at
        from %I.%I where org_id = $1 order by id', target, kept, taken, current_schema(), t.legacy_table) using t.org_id;
    execute format('alter table %s enable trigger user', target);
    execute format('select setval(pg_get_serial_sequence(%L, %L), coalesce(max(id), 1), max(id) is not null) from %s',
      target, 'id', target);
  end loop;
end
$$;

drop table ledger_complaints, ledger_commitments, ledger_supervision, ledger_renovations, ledger_rent_subsidies,
  ledger_seismic_retrofits, ledger_campaign_works, ledger_infrastructure, ledger_rectification, ledger_projects,
  ledger_stalled_projects;

-- An organisation's ledgers go with it (db/src/queries/organisations.ts, deleteOrganisation,
-- calls this first): its rows are deleted, and so audited as the cascade audits everything else
-- it held; its catalogue rows too; and its generated tables are dropped, which the cascade alone
-- would leave behind, empty. The runtime role, which may delete an organisation outright, may
-- call it; it drops no table but the organisation's own.
create function ledger_tables_drop(org bigint) returns void
language plpgsql security definer as $$
declare
  t record;
  qualified text;
begin
  for t in select id from ledger_types where org_id = org order by id loop
    qualified := format('%I.%I', current_schema(), 'ledger_t' || t.id);
    if to_regclass(qualified) is not null then
      execute format('delete from %s where org_id = $1', qualified) using org;
      execute format('drop table %s', qualified);
    end if;
  end loop;
  delete from ledger_types where org_id = org;
end
$$;

-- As the audit functions (0012): names resolve in this schema first, then pg_temp last.
do $$
begin
  execute format('alter function ledger_definition_columns(jsonb) set search_path = %I, pg_temp', current_schema());
  execute format('alter function ledger_check_list(jsonb, jsonb) set search_path = %I, pg_temp', current_schema());
  execute format('alter function ledger_table_sync(bigint, text) set search_path = %I, pg_temp', current_schema());
  execute format('alter function install_ledger_preset(bigint) set search_path = %I, pg_temp', current_schema());
  execute format('alter function ledger_tables_drop(bigint) set search_path = %I, pg_temp', current_schema());
end
$$;
