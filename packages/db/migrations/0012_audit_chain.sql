-- 审计防篡改: the audit trail chained by hash, written only by the audit triggers, and
-- readable but not writable by the role the server runs as (README, "PostgreSQL roles").
--
-- Two roles on PostgreSQL: the OWNER runs the migrations and owns every table and function;
-- the RUNTIME role (the server's, the command line's) reads and writes the application
-- tables, but on audit_log, audit_chain and schema_migrations it may only SELECT (the grants
-- are made after every migration, packages/db/src/migrate.ts). It owns nothing, so it can neither alter a
-- table nor disable a trigger; session_replication_role (which silences triggers) is for
-- superusers only. The audit trigger functions are SECURITY DEFINER, owned by the owner, with
-- a fixed search_path, so the trail is written with the owner's rights and by no other way:
-- EXECUTE on them is revoked from PUBLIC, so nobody else can attach them to a table of their
-- own (a temporary one, say) to write records of their choosing.
--
-- The hash chain: one chain per organisation. Record n of a chain stores its position `seq`
-- (1, 2, 3, …), `prev_hash` (the hash of record n−1; 32 zero bytes for the first) and
--   hash = sha256(prev_hash || audit_canonical(record))
-- where audit_canonical is the UTF-8 text of the JSON array
--   [org_id, seq, id, at (UTC, microseconds, "YYYY-MM-DDTHH:MI:SS.USZ"), table_name, action,
--    actor, db_role, address, user_id, before, after]
-- as PostgreSQL prints jsonb (keys in its own fixed order). Changing any field of a record
-- breaks its own hash; removing, inserting or reordering records breaks the next record's
-- prev_hash or the run of seq; removing the last records leaves the chain's head
-- (audit_chain) pointing past the end. `taizhang audit verify` recomputes all of it.
--
-- Appends to one chain are serialised by its head row (audit_chain), locked FOR UPDATE by
-- the trigger until the transaction ends. That adds no waiting of its own: the same
-- transaction already holds the organisation's data_versions row (0010) until it ends.
-- Within a statement records are chained in the order of their ids, which are drawn after the
-- head is locked, so along a chain ids and positions rise together. Every change — updates
-- now too — is audited once per statement, set-based: the chain's hashes come from one window
-- aggregate over the statement's records, and the head moves once per statement.
--
-- What the chain cannot do: the owner can rewrite the whole chain from the altered record
-- onwards. Against that, keep the head hash `taizhang audit verify` prints somewhere the
-- owner cannot write (a signed printout, another system): a rewritten chain ends elsewhere.

-- db_role: the database role the change was made through (session_user), beside the actor the
-- application claims; a forged claim is at least attributable to the role that made it.
alter table audit_log
  add column db_role text,
  add column seq bigint,
  add column prev_hash bytea,
  add column hash bytea;

-- The head of each organisation's chain: the position and hash of its last record.
create table audit_chain (
  org_id bigint primary key,
  seq bigint not null check (seq >= 0),
  hash bytea not null
);

-- What the first record of a chain links to.
create function audit_genesis() returns bytea language sql immutable as $$
  select decode(repeat('00', 32), 'hex')
$$;

-- The bytes a record's hash covers (see above); the triggers and the verifier both use it.
create function audit_canonical(
  org_id bigint, seq bigint, id bigint, at timestamptz, table_name text, action text, actor text, db_role text,
  address text, user_id bigint, before jsonb, after jsonb
) returns bytea language sql stable as $$
  select convert_to(
    jsonb_build_array(org_id, seq, id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      table_name, action, actor, db_role, address, user_id, before, after)::text,
    'UTF8')
$$;

-- One link of the chain, and the chain itself as an aggregate: run as a window over the
-- records in order (rows unbounded preceding), it gives each record's hash in one pass,
-- set-based, seeded with the hash the chain ends with so far.
create function audit_chain_step(state bytea, seed bytea, item bytea) returns bytea language sql immutable as $$
  select sha256(coalesce(state, seed) || item)
$$;

create aggregate audit_chain_hash(bytea, bytea) (sfunc = audit_chain_step, stype = bytea);

-- Appends the records of one statement (or one updated row): `olds` and `news` are the rows
-- before and after, as jsonb, paired by position (one side absent for an insert or a delete).
-- Per organisation, in id order: lock the head, write the records chained from it, move it.
create function audit_append(tbl text, act text, olds jsonb[], news jsonb[]) returns void
language plpgsql security definer as $$
declare
  org bigint;
  head_seq bigint;
  head_hash bytea;
  id_sequence regclass := pg_get_serial_sequence('audit_log', 'id')::regclass;
  stamp timestamptz := now();
  who text := audit_actor();
  via text := session_user::text;
  addr text := audit_address();
  uid bigint := audit_user_id();
begin
  for org in
    select distinct audit_org(coalesce(e.after, e.before)) from unnest(olds, news) as e(before, after) order by 1
  loop
    select c.seq, c.hash into head_seq, head_hash from audit_chain c where c.org_id = org for update;
    if not found then
      insert into audit_chain (org_id, seq, hash) values (org, 0, audit_genesis()) on conflict (org_id) do nothing;
      select c.seq, c.hash into head_seq, head_hash from audit_chain c where c.org_id = org for update;
    end if;
    with entries as (
      select nextval(id_sequence) as id, e.before, e.after
      from unnest(olds, news) as e(before, after)
      where audit_org(coalesce(e.after, e.before)) = org
    ),
    placed as (
      select n.id, n.before, n.after, head_seq + row_number() over (order by n.id) as seq from entries n
    ),
    hashed as (
      select p.*,
        audit_chain_hash(head_hash, audit_canonical(org, p.seq, p.id, stamp, tbl, act, who, via, addr, uid, p.before,
          p.after)) over (order by p.seq rows unbounded preceding) as hash
      from placed p
    ),
    written as (
      insert into audit_log
        (id, org_id, seq, at, actor, db_role, address, user_id, action, table_name, before, after, prev_hash, hash)
        overriding system value
      select h.id, org, h.seq, stamp, who, via, addr, uid, act, tbl, h.before, h.after,
        coalesce(lag(h.hash) over (order by h.seq), head_hash), h.hash
      from hashed h
      returning audit_log.seq, audit_log.hash
    )
    update audit_chain c set seq = w.seq, hash = w.hash
    from (select w.seq, w.hash from written w order by w.seq desc limit 1) w
    where c.org_id = org;
    perform bump_data_version(org);
  end loop;
end
$$;

-- The audit functions of 0001, 0008 and 0010, now appending to the chain.
create or replace function audit_inserted() returns trigger language plpgsql security definer as $$
begin
  perform audit_append(tg_table_name, 'insert', null, array(select to_jsonb(n) from new_rows n));
  return null;
end
$$;

create or replace function audit_deleted() returns trigger language plpgsql security definer as $$
begin
  perform audit_append(tg_table_name, 'delete', array(select to_jsonb(o) from old_rows o), null);
  return null;
end
$$;

-- Updates too are now audited once per statement, from its transition tables: per row, a
-- statement updating thousands of rows locked and moved the chain's head (and the data
-- version) thousands of times in one transaction. The row before and the row after are paired
-- by the table's primary key; a row whose key itself changed (no table here updates its key)
-- is still recorded, as a record with only its before and one with only its after.
create or replace function audit_updated() returns trigger language plpgsql security definer as $$
declare
  key text;
begin
  select string_agg(format('%I', a.attname), ', ' order by k.n) into key
  from pg_index i
    cross join unnest(i.indkey) with ordinality as k(attnum, n)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
  where i.indrelid = tg_relid and i.indisprimary;
  if key is null then
    raise exception 'audited table % has no primary key to pair its rows before and after an update', tg_table_name;
  end if;
  execute format(
    'select audit_append($1, ''update'', array_agg(to_jsonb(o)), array_agg(to_jsonb(n)))
     from old_rows o full join new_rows n using (%s)', key)
    using tg_table_name;
  return null;
end
$$;

-- Puts a table on the audit trail, every change audited per statement; every migration that
-- adds a table calls it (as in 0001).
create or replace function audit_table(audited regclass) returns void language plpgsql as $$
begin
  execute format('create trigger audit_insert after insert on %s referencing new table as new_rows
    for each statement execute function audit_inserted()', audited);
  execute format('create trigger audit_delete after delete on %s referencing old table as old_rows
    for each statement execute function audit_deleted()', audited);
  execute format('create trigger audit_update after update on %s referencing old table as old_rows
    new table as new_rows for each statement execute function audit_updated()', audited);
end
$$;

-- The tables already on the trail get the statement-level update trigger.
do $$
declare
  audited regclass;
begin
  for audited in
    select t.tgrelid::regclass from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where t.tgname = 'audit_update' and c.relnamespace = current_schema()::regnamespace
    order by c.relname
  loop
    execute format('drop trigger audit_update on %s', audited);
    execute format('create trigger audit_update after update on %s referencing old table as old_rows
      new table as new_rows for each statement execute function audit_updated()', audited);
  end loop;
end
$$;

-- A SECURITY DEFINER function resolves names in the schema it was created in, then pg_temp
-- last, so nobody can put an object of the same name in front of the owner's.
do $$
declare
  f text;
begin
  foreach f in array array['audit_append(text, text, jsonb[], jsonb[])', 'audit_inserted()', 'audit_deleted()',
    'audit_updated()']
  loop
    execute format('alter function %s set search_path = %I, pg_temp', f, current_schema());
    execute format('revoke execute on function %s from public', f);
  end loop;
end
$$;

-- The records written before this migration, chained in id order per organisation. Their
-- db_role stays unknown (null). The trail is append-only, so its guard is lifted for this
-- one statement of the migration, in the migration's transaction.
alter table audit_log disable trigger append_only;

with placed as (
  select a.*, row_number() over (partition by a.org_id order by a.id) as position from audit_log a
),
hashed as (
  select p.org_id, p.id, p.position,
    audit_chain_hash(audit_genesis(), audit_canonical(p.org_id, p.position, p.id, p.at, p.table_name, p.action,
      p.actor, p.db_role, p.address, p.user_id, p.before, p.after))
      over (partition by p.org_id order by p.position rows unbounded preceding) as chained
  from placed p
),
linked as (
  select h.*, coalesce(lag(h.chained) over (partition by h.org_id order by h.position), audit_genesis()) as prior
  from hashed h
)
update audit_log a set seq = l.position, prev_hash = l.prior, hash = l.chained
from linked l
where a.org_id = l.org_id and a.id = l.id;

alter table audit_log enable trigger append_only;

insert into audit_chain (org_id, seq, hash)
select distinct on (org_id) org_id, seq, hash from audit_log order by org_id, seq desc;

alter table audit_log
  alter column seq set not null,
  alter column prev_hash set not null,
  alter column hash set not null;
