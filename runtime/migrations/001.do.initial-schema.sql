-- Meetings, who was in them, what was recorded, and what happened (the design's five tables).
create table meetings (
  id uuid primary key default gen_random_uuid(),
  room_name varchar(64) not null unique,
  host_identity varchar(64) not null,
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  metadata jsonb not null default '{}'
);

create table participants (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings(id) on delete cascade,
  -- LiveKit's participant sid: one row per join, so webhook retries update the same row.
  sid varchar(64) not null unique,
  identity varchar(64) not null,
  name varchar(128),
  joined_at timestamptz not null default now(),
  left_at timestamptz,
  metadata jsonb not null default '{}'
);

create table recordings (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings(id) on delete cascade,
  egress_id varchar(64) not null unique,
  storage_path varchar(500) not null,
  status varchar(20) not null,
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  file_size bigint,
  duration integer,
  error text,
  -- Egress updates can arrive out of order: only a newer update may change the row.
  updated_at timestamptz not null default now(),
  metadata jsonb not null default '{}'
);

create table analytics (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid references meetings(id) on delete cascade,
  participant_id uuid references participants(id) on delete cascade,
  -- LiveKit's webhook event id: a redelivered event is recorded once.
  event_id varchar(64) unique,
  event_type varchar(100) not null,
  event_data jsonb,
  created_at timestamptz not null default now()
);

create table whiteboard_states (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings(id) on delete cascade,
  state jsonb not null default '{}',
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_identity varchar(64),
  action varchar(64) not null,
  target varchar(255),
  details jsonb
);

create index idx_meetings_room_name on meetings(room_name);
create index idx_meetings_created_at on meetings(created_at desc);
create index idx_participants_meeting_id on participants(meeting_id);
create index idx_recordings_meeting_id on recordings(meeting_id);
create index idx_analytics_meeting_id on analytics(meeting_id);
create index idx_analytics_participant_id on analytics(participant_id);
create index idx_whiteboard_states_meeting_id on whiteboard_states(meeting_id);
create index idx_audit_log_at on audit_log(at desc);
