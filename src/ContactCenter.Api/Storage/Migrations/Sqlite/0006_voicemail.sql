-- 0006: voicemails left by callers who waited too long. Kept in lockstep with Migrations/Postgres/0006_voicemail.sql.
-- One row per recording (a repeated callback stores nothing new); no phone numbers.
CREATE TABLE voicemails (
    recording_sid     TEXT        NOT NULL PRIMARY KEY,
    call_sid          TEXT        NOT NULL,
    queue_id          TEXT        NOT NULL,
    recording_url     TEXT        NULL,
    duration_seconds  INTEGER     NULL,
    created_at        TEXT        NOT NULL
);
CREATE INDEX ix_voicemails_queue_created_at ON voicemails (queue_id, created_at);
CREATE INDEX ix_voicemails_created_at ON voicemails (created_at);
