-- End-to-end encrypted meetings: the key lives only in the invite link's fragment, in the browsers.
-- The server keeps just this flag (it refuses recording and server-side chat for such meetings).
-- An addition with a default: existing meetings stay unencrypted, as they were.
alter table meetings add column encrypted boolean not null default false;
