-- Accounts, sessions and report approvals for the HTTP server (docs/api.md), and the audit
-- trail's "from where".
--
-- As in 0001: org_id leads every key (Citus distribution by org_id); user and data changes
-- are audited by trigger in the same transaction.
--
-- What is audited and what is not, on purpose:
--   * users: every change (created, renamed, role or section changed, disabled, password
--     changed — password_changed_at moves —, a failed sign-in counted, a lock, a sign-in) is
--     a change of who may do what, and the auditor must see it with its actor and address.
--   * user_credentials: never. The password hash lives in a table of its own so that no
--     audit record, past or future, can carry it (an audit row is append-only: a hash once
--     copied there could never be removed).
--   * sessions: never. They are bookkeeping of signed-in browsers; last_seen_at moves on
--     every request (throttled to once a minute), and auditing it would bury the changes that
--     matter under thousands of rows a day. Signing in is audited through users
--     (last_login_at, last_login_address); a session itself holds no data of the bureau.
--   * report_approvals: every approval, like any data change.

-- Where a change came from: the client's address and the signed-in user's id, set per
-- transaction by the application (set_config('taizhang.address' / 'taizhang.user_id', …, true)).
-- Null for changes made from the command line or by a migration.
alter table audit_log add column address text;
alter table audit_log add column user_id bigint;

create function audit_address() returns text language sql stable as $$
  select nullif(current_setting('taizhang.address', true), '')
$$;

create function audit_user_id() returns bigint language sql stable as $$
  select nullif(current_setting('taizhang.user_id', true), '')::bigint
$$;

-- The audit functions of 0001, now recording the address and user id beside the actor.
create or replace function audit_inserted() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, address, user_id, action, table_name, before, after)
  select audit_org(to_jsonb(n)), audit_actor(), audit_address(), audit_user_id(), 'insert', tg_table_name, null,
    to_jsonb(n)
  from new_rows n;
  return null;
end
$$;

create or replace function audit_deleted() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, address, user_id, action, table_name, before, after)
  select audit_org(to_jsonb(o)), audit_actor(), audit_address(), audit_user_id(), 'delete', tg_table_name,
    to_jsonb(o), null
  from old_rows o;
  return null;
end
$$;

create or replace function audit_updated() returns trigger language plpgsql as $$
begin
  insert into audit_log (org_id, actor, address, user_id, action, table_name, before, after)
  values (audit_org(to_jsonb(new)), audit_actor(), audit_address(), audit_user_id(), 'update', tg_table_name,
    to_jsonb(old), to_jsonb(new));
  return null;
end
$$;

-- 用户: who may sign in, in which role (docs/api.md, "Roles"). A section clerk (股室填报员)
-- belongs to one section and writes only its figures; the other roles belong to none.
create table users (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  username text not null check (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$'),
  display_name text not null check (btrim(display_name) <> ''),
  role text not null check (role in ('clerk', 'office', 'leader', 'admin', 'auditor')),
  section_id bigint,
  disabled boolean not null default false,
  -- sign-in throttle: consecutive failures, and the lock they set (docs/api.md, POST /api/session)
  failed_attempts integer not null default 0 check (failed_attempts >= 0),
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  last_login_at timestamptz,
  last_login_address text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, section_id) references sections (org_id, id),
  constraint clerk_has_section check (role <> 'clerk' or section_id is not null),
  constraint only_clerk_has_section check (role = 'clerk' or section_id is null)
);

-- A user name is one person per organisation, whatever its letter case.
create unique index users_by_name on users (org_id, lower(username));

-- The password hash (scrypt$N$r$p$salt$hash), kept apart from users and never audited.
create table user_credentials (
  org_id bigint not null,
  user_id bigint not null,
  password_hash text not null check (password_hash like 'scrypt$%'),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id),
  foreign key (org_id, user_id) references users (org_id, id) on delete cascade
);

-- Signed-in browsers. The cookie holds the organisation and a random token; only the token's
-- SHA-256 is stored, so a copy of this table signs nobody in. A session ends at expires_at
-- (12 hours after sign-in) or after 30 minutes without a request, whichever comes first.
create table sessions (
  org_id bigint not null,
  token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  user_id bigint not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  address text,
  user_agent text,
  primary key (org_id, token_hash),
  foreign key (org_id, user_id) references users (org_id, id) on delete cascade
);

create index sessions_by_user on sessions (org_id, user_id);
create index sessions_by_expiry on sessions (org_id, expires_at);

-- 报告审定: a leader's approval of the work summary of a period, with the SHA-256 of the
-- report as approved (its document model: text, figures and their sources), so a later change
-- to the figures or the text shows as a different digest.
create table report_approvals (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  year smallint not null check (year between 2000 and 2100),
  through smallint not null check (through between 1 and 12),
  template_code text not null,
  digest text not null check (digest ~ '^[0-9a-f]{64}$'),
  user_id bigint not null,
  approved_by text not null,
  approved_at timestamptz not null default now(),
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id)
);

create index report_approvals_by_period on report_approvals (org_id, year, through);

select audit_table('users');
select audit_table('report_approvals');

-- What the audit page filters on, and a ledger row's history (its ref, before or after).
create index audit_log_by_table on audit_log (org_id, table_name, at);
create index audit_log_by_actor on audit_log (org_id, actor, at);
create index audit_log_by_ref on audit_log (org_id, table_name, (coalesce(after ->> 'ref', before ->> 'ref')));
