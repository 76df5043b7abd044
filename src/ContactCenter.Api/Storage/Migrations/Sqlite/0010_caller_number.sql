-- 0010: the routed caller's number on its queue entry, for the agent desk and the wallboard (masked for agents). Kept in
-- lockstep with Migrations/Postgres/0010_caller_number.sql. Arrives sealed on the room's statusCallback URL, never from /voice's
-- own write; null for an unrouted room, a hand-queued caller, or a seal this key ring cannot read. Purged with the entry.
ALTER TABLE queue_entries ADD COLUMN caller_number TEXT NULL;
