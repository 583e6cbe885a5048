-- Accounts and roles: members sign in; a meeting has an owner and co-hosts; recordings can be shared.
-- Existing meetings keep working: they have no owner, and their creator's session stays their host
-- in the open access mode.
create table members (
  id uuid primary key default gen_random_uuid(),
  email varchar(254) not null,
  display_name varchar(128) not null,
  role varchar(10) not null default 'member' check (role in ('admin', 'member')),
  state varchar(10) not null default 'active' check (state in ('active', 'disabled')),
  -- scrypt$N$r$p$salt$hash (base64url); null for accounts that sign in only through OpenID Connect.
  password_hash varchar(255),
  oidc_issuer varchar(500),
  oidc_subject varchar(255),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((oidc_issuer is null) = (oidc_subject is null))
);
create unique index members_email_unique on members (lower(email));
create unique index members_oidc_unique on members (oidc_issuer, oidc_subject) where oidc_issuer is not null;

-- The LiveKit identities a member has used: they joined as the same person from any device.
create table member_identities (
  identity varchar(64) primary key,
  member_id uuid not null references members(id) on delete cascade,
  created_at timestamptz not null default now()
);
create index idx_member_identities_member_id on member_identities(member_id);

alter table meetings add column owner_member_id uuid references members(id) on delete set null;
create index idx_meetings_owner_member_id on meetings(owner_member_id);

-- Co-hosts per meeting: a participant (guest or member) the owner trusted with host powers.
create table meeting_cohosts (
  meeting_id uuid not null references meetings(id) on delete cascade,
  identity varchar(64) not null,
  member_id uuid references members(id) on delete cascade,
  granted_by varchar(64),
  created_at timestamptz not null default now(),
  primary key (meeting_id, identity)
);
create index idx_meeting_cohosts_member_id on meeting_cohosts(member_id) where member_id is not null;

-- Hosts see every recording; a shared one is also visible to everyone who joined.
alter table recordings add column shared boolean not null default false;
