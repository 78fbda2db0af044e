-- 数据版本: one counter per organisation, raised in the same transaction as any change to
-- its audited data (the audit trigger functions of 0001 and 0008 raise it). The server keeps
-- the figures, dashboards and report previews it has computed and serves them again while
-- the counter stands still: reading it is one primary-key lookup, where recomputing is a
-- few dozen queries and exact arithmetic.
--
-- A counter, not the audit trail's highest id: identity values are handed out when rows
-- are inserted, not when transactions commit, so a later id can become visible before an
-- earlier one and a cache keyed on it could keep a stale result. The counter's row is
-- updated under its row lock, so its committed value always covers every committed change.
-- Session bookkeeping and password hashes are not audited and do not move it.
create table data_versions (
  org_id bigint primary key,
  version bigint not null default 1
);

create function bump_data_version(org bigint) returns void language sql as $$
  insert into data_versions (org_id) values (org)
  on conflict (org_id) do update set version = data_versions.version + 1
$$;

create or replace function audit_inserted() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, address, user_id, action, table_name, before, after)
  select audit_org(to_jsonb(n)), audit_actor(), audit_address(), audit_user_id(), 'insert', tg_table_name, null,
    to_jsonb(n)
  from new_rows n;
  perform bump_data_version(org) from (select distinct audit_org(to_jsonb(n)) as org from new_rows n) o;
  return null;
end
$$;

create or replace function audit_deleted() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, address, user_id, action, table_name, before, after)
  select audit_org(to_jsonb(o)), audit_actor(), audit_address(), audit_user_id(), 'delete', tg_table_name,
    to_jsonb(o), null
  from old_rows o;
  perform bump_data_version(org) from (select distinct audit_org(to_jsonb(o)) as org from old_rows o) d;
  return null;
end
$$;

create or replace function audit_updated() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, address, user_id, action, table_name, before, after)
  values (audit_org(to_jsonb(new)), audit_actor(), audit_address(), audit_user_id(), 'update', tg_table_name,
    to_jsonb(old), to_jsonb(new));
  perform bump_data_version(audit_org(to_jsonb(new)));
  return null;
end
$$;
