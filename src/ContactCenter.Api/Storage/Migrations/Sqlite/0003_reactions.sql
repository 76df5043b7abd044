-- 0003: durable callback reactions (an outbox drained by ReactionWorker). Kept in lockstep with Migrations/Postgres/0003_reactions.sql.
-- One row per (reaction, callback); written in the callback's own transaction, so a stored callback never loses its reaction
-- and a duplicate callback (same identity) adds none. lane orders the rows of one room; lease_* claim a row for one instance.
CREATE TABLE reactions (
    id               INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    reaction         TEXT        NOT NULL,
    source           TEXT        NOT NULL,
    source_sid       TEXT        NOT NULL,
    source_status    TEXT        NOT NULL,
    sequence_number  INTEGER     NOT NULL,
    lane             TEXT        NOT NULL,
    state            TEXT        NOT NULL,
    attempts         INTEGER     NOT NULL,
    may_have_dialed  INTEGER     NOT NULL,
    next_attempt_at  TEXT        NOT NULL,
    lease_owner      TEXT        NULL,
    lease_until      TEXT        NULL,
    last_error       TEXT        NULL,
    created_at       TEXT        NOT NULL,
    completed_at     TEXT        NULL
);
CREATE UNIQUE INDEX ux_reactions_source ON reactions (reaction, source, source_sid, source_status, sequence_number);
CREATE INDEX ix_reactions_pending ON reactions (lane, id) WHERE state = 'pending';
CREATE INDEX ix_reactions_completed_at ON reactions (completed_at);

-- A transfer whose latest state change still owes Twilio requests is unsettled; one left unsettled by a crash is finished by recovery.
ALTER TABLE transfers ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE transfers ADD COLUMN target_label TEXT NULL;
CREATE INDEX ix_transfers_unsettled ON transfers (updated_at) WHERE settled = 0;
