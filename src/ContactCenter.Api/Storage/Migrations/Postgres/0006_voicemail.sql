-- 0006: voicemails left by callers who waited too long. Kept in lockstep with Migrations/Sqlite/0006_voicemail.sql.
-- One row per recording (a repeated callback stores nothing new); no phone numbers.
CREATE TABLE voicemails (
    recording_sid     text        NOT NULL PRIMARY KEY,
    call_sid          text        NOT NULL,
    queue_id          text        NOT NULL,
    recording_url     text        NULL,
    duration_seconds  integer     NULL,
    created_at        timestamptz NOT NULL
);
CREATE INDEX ix_voicemails_queue_created_at ON voicemails (queue_id, created_at);
CREATE INDEX ix_voicemails_created_at ON voicemails (created_at);
