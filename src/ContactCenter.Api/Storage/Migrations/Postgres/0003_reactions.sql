-- 0003: durable callback reactions (an outbox drained by ReactionWorker). Kept in lockstep with Migrations/Sqlite/0003_reactions.sql.
-- One row per (reaction, callback); written in the callback's own transaction, so a stored callback never loses its reaction
-- and a duplicate callback (same identity) adds none. lane orders the rows of one room; lease_* claim a row for one instance.
CREATE TABLE reactions (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reaction         text        NOT NULL,
    source           text        NOT NULL,
    source_sid       text        NOT NULL,
    source_status    text        NOT NULL,
    sequence_number  bigint      NOT NULL,
    lane             text        NOT NULL,
    state            text        NOT NULL,
    attempts         integer     NOT NULL,
    may_have_dialed  boolean     NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    lease_owner      text        NULL,
    lease_until      timestamptz NULL,
    last_error       text        NULL,
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz NULL
);
CREATE UNIQUE INDEX ux_reactions_source ON reactions (reaction, source, source_sid, source_status, sequence_number);
CREATE INDEX ix_reactions_pending ON reactions (lane, id) WHERE state = 'pending';
CREATE INDEX ix_reactions_completed_at ON reactions (completed_at);

-- A transfer whose latest state change still owes Twilio requests is unsettled; one left unsettled by a crash is finished by recovery.
ALTER TABLE transfers ADD COLUMN settled boolean NOT NULL DEFAULT true;
ALTER TABLE transfers ADD COLUMN target_label text NULL;
CREATE INDEX ix_transfers_unsettled ON transfers (updated_at) WHERE NOT settled;
