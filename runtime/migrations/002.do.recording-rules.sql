-- Egress events may arrive late or twice: a recording only moves forward through its states.
create function recording_status_rank(status text) returns integer
  language sql immutable
  return case status when 'starting' then 0 when 'active' then 1 when 'ending' then 2 else 3 end;

-- At most one running recording per meeting, even when two hosts press start together.
create unique index one_running_recording_per_meeting on recordings(meeting_id)
  where status in ('starting', 'active', 'ending');
