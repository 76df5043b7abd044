-- 0009: the note an agent (or supervisor) leaves on a call at wrap-up. Kept in lockstep with Migrations/Sqlite/0009_call_notes.sql.
-- Keyed by the caller's CallSid (a queue entry's key); one note per call, the last save wins.
CREATE TABLE call_notes (
    call_sid    text        NOT NULL PRIMARY KEY,
    note        text        NOT NULL,
    author      text        NOT NULL,
    updated_at  timestamptz NOT NULL
);
