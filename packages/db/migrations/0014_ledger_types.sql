-- 台账类型: the ledger types an organisation defines itself (docs/ledgers.md, "Ledger types"),
-- in a dataset's ledgerTypes or on the 台账设置 page. The preset's eleven ledgers keep their
-- hand-written tables of 0003–0009; every other type is kept in a table generated from its
-- definition.
--
-- The catalogue row holds the definition as written (jsonb) and, in `columns`, where each of
-- its fields is kept: {"lots": {"column": "c1", "type": "integer", "indexed": true}, …}. A
-- field's column is named when the field is first defined and never renamed or retyped, so
-- renaming a title, reordering or retiring a field touches no data. No text an office writes
-- ever names a table or a column: the table is ledger_t<id>, the columns c<n>.
--
-- The generated tables are made by ledger_table_sync(), a SECURITY DEFINER function owned by
-- the role that migrates: the runtime role may write the catalogue and call the function, but
-- holds no CREATE right itself (0012, 0013). The function builds its DDL from the catalogue
-- row alone, letting through only generated names and the column types listed below, and runs
-- in the caller's transaction, so a catalogue change and its DDL commit or fail together.
-- Like every other table, a generated one leads its keys with org_id and is audited by the
-- triggers of 0012.
create table ledger_types (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  definition jsonb not null check (jsonb_typeof(definition) = 'object'),
  columns jsonb not null default '{}' check (jsonb_typeof(columns) = 'object'),
  version integer not null default 1,
  created_by text not null default audit_actor(),
  created_at timestamptz not null default now(),
  updated_by text not null default audit_actor(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, code)
);

select audit_table('ledger_types');

create function ledger_table_sync(org bigint, type_code text) returns text
language plpgsql security definer as $$
declare
  type_id bigint;
  type_columns jsonb;
  held text;
  -- Schema-qualified: a name left bare would also find a temporary table of the caller's
  -- session (pg_temp is on the search path), and the real table would never be made.
  qualified text;
  col record;
begin
  select t.id, t.columns into type_id, type_columns from ledger_types t where t.org_id = org and t.code = type_code;
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
  return held;
end
$$;

-- As the audit functions (0012): names resolve in this schema first, then pg_temp last.
do $$
begin
  execute format('alter function ledger_table_sync(bigint, text) set search_path = %I, pg_temp', current_schema());
end
$$;
