-- 数据版本变更通知: raising an organisation's data version (0010) also notifies the channel
-- taizhang_data_version with the organisation's id, delivered when the transaction commits.
-- A server on PostgreSQL listens to it and so learns of changes made by other processes (the
-- command line, other instances) without reading the version on every request. PGlite
-- ignores it: one process owns its directory and sees every change itself.
create or replace function bump_data_version(org bigint) returns void language sql as $$
  insert into data_versions (org_id) values (org)
  on conflict (org_id) do update set version = data_versions.version + 1;
  select pg_notify('taizhang_data_version', org::text);
$$;
