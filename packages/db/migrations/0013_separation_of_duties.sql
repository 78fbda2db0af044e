-- 三权分立 and sign-in bookkeeping (docs/api.md, "Roles", "Session", "Accounts and approvals").
--
-- The security officer (安全管理员, role `security`) approves the administrator's account
-- changes that give or restore access; until then they wait as requests. Every failed
-- sign-in, for an account or for a name nobody holds, is a row the auditor and the security
-- officer both see.
--
-- What is audited and what is not, on purpose (as in 0008):
--   * account_requests: every request, approval, rejection and withdrawal, with its actor.
--   * account_request_credentials: never. The hash of a password proposed with a request
--     waits here, apart, so that no audit record carries it; it moves to user_credentials when
--     the request is approved and is deleted when it is decided either way.
--   * signin_failures: every failed sign-in (who was named, from where, why it failed).
--   * signin_addresses: never. Addresses an account has signed in from successfully,
--     bookkeeping for the lock (a lock holds against other addresses only); each successful
--     sign-in is on the trail already (users.last_login_at, last_login_address).

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('clerk', 'office', 'leader', 'admin', 'auditor', 'security'));

-- 账户变更申请: an administrator's change that waits for a security officer. `changes` holds
-- the requested values ({ displayName, role, section, disabled, password: true }, only those
-- asked for), `previous` the account's values of the same fields when it was asked (a new
-- account: {}). One pending request per account name at a time.
create table account_requests (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  kind text not null check (kind in ('create', 'change')),
  -- the account changed; for a new account, set when it is created on approval
  user_id bigint,
  username text not null,
  target_role text not null,
  changes jsonb not null,
  previous jsonb not null default '{}',
  reasons text[] not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  requested_by bigint not null,
  requested_by_name text not null,
  requested_at timestamptz not null default now(),
  decided_by bigint,
  decided_by_name text,
  decided_at timestamptz,
  decision_note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id) on delete cascade,
  constraint change_names_account check (kind = 'create' or user_id is not null),
  constraint decided_has_decider check ((status = 'pending') = (decided_by is null))
);

create unique index account_requests_one_pending on account_requests (org_id, lower(username))
  where status = 'pending';
create index account_requests_by_status on account_requests (org_id, status, id);

create table account_request_credentials (
  org_id bigint not null,
  request_id bigint not null,
  password_hash text not null check (password_hash like 'scrypt$%'),
  primary key (org_id, request_id),
  foreign key (org_id, request_id) references account_requests (org_id, id) on delete cascade
);

-- 登录失败记录: one row per refused sign-in. `username` is the name as typed (nobody may hold
-- it); `user_id` the account it named, if any; `reason` why it failed — unknown (no such
-- account), wrong (wrong password), locked (the account is locked against this address),
-- disabled, throttled (refused unchecked: too many attempts waiting at once). The answer
-- to the client is the same for all of them; only this table tells them apart. `locked` marks
-- the failure that locked the account.
create table signin_failures (
  org_id bigint not null references organisations (id) on delete cascade,
  id bigint generated always as identity,
  at timestamptz not null,
  username text not null,
  user_id bigint,
  address text,
  reason text not null check (reason in ('unknown', 'wrong', 'locked', 'disabled', 'throttled')),
  locked boolean not null default false,
  primary key (org_id, id)
);

create index signin_failures_by_time on signin_failures (org_id, at desc);

-- Addresses an account has signed in from successfully: the account lock holds against all
-- others, so a stranger's wrong guesses cannot lock the account's holder out of their office.
create table signin_addresses (
  org_id bigint not null,
  user_id bigint not null,
  address text not null,
  first_at timestamptz not null,
  last_at timestamptz not null,
  primary key (org_id, user_id, address),
  foreign key (org_id, user_id) references users (org_id, id) on delete cascade
);

select audit_table('account_requests');
select audit_table('signin_failures');
