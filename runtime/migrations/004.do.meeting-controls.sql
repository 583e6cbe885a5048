-- What a host controls in a meeting (lobby, lock, passcode, chat, who may unmute), who is let in,
-- and the meeting's chat. Only additions: existing meetings keep today's open behaviour.
alter table meetings
  add column lobby boolean not null default false,
  add column locked boolean not null default false,
  -- scrypt, as "salt:hash" in hex; never the passcode itself
  add column passcode_hash text,
  add column chat_enabled boolean not null default true,
  add column hosts_only_unmute boolean not null default false;

-- One row per person and meeting: the lobby's request and the host's decision, and removals.
-- A token is issued to a guest only in state 'admitted' (or while the meeting needs no admission).
create table admissions (
  meeting_id uuid not null references meetings(id) on delete cascade,
  identity varchar(64) not null,
  name varchar(128),
  state varchar(16) not null check (state in ('waiting', 'admitted', 'denied', 'removed')),
  requested_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by varchar(64),
  primary key (meeting_id, identity)
);
create index idx_admissions_waiting on admissions(meeting_id, requested_at) where state = 'waiting';

-- Chat is kept while the meeting lasts: late joiners and reloads read it back. Plain text only.
create table chat_messages (
  id bigint generated always as identity primary key,
  meeting_id uuid not null references meetings(id) on delete cascade,
  sender_identity varchar(64) not null,
  sender_name varchar(128),
  body text not null check (char_length(body) between 1 and 2000),
  sent_at timestamptz not null default now()
);
create index idx_chat_messages_meeting on chat_messages(meeting_id, id);
