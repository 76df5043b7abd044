-- 0001: conference state. Kept in lockstep with Migrations/Postgres/0001_initial.sql (same tables, columns, keys).
-- Timestamps are TEXT in the ISO form Microsoft.Data.Sqlite writes (yyyy-MM-dd HH:mm:ss.FFFFFFF, UTC), which sorts chronologically.
CREATE TABLE conferences (
    conference_sid              TEXT        NOT NULL PRIMARY KEY,
    friendly_name               TEXT        NULL,
    account_sid                 TEXT        NULL,
    started_at                  TEXT        NULL,
    ended_at                    TEXT        NULL,
    end_sequence_number         INTEGER     NULL,
    end_reason                  TEXT        NULL,
    call_sid_ending_conference  TEXT        NULL,
    first_event_at              TEXT        NOT NULL,
    last_sequence_number        INTEGER     NOT NULL,
    last_received_at            TEXT        NOT NULL
);
CREATE INDEX ix_conferences_friendly_name ON conferences (friendly_name);
CREATE INDEX ix_conferences_ended_at ON conferences (ended_at);
CREATE INDEX ix_conferences_last_received_at ON conferences (last_received_at);

CREATE TABLE conference_events (
    conference_sid   TEXT        NOT NULL,
    sequence_number  INTEGER     NOT NULL,
    event_type       TEXT        NOT NULL,
    call_sid         TEXT        NULL,
    occurred_at      TEXT        NULL,
    received_at      TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    CONSTRAINT pk_conference_events PRIMARY KEY (conference_sid, sequence_number)
);

CREATE TABLE call_status_events (
    call_sid         TEXT        NOT NULL,
    call_status      TEXT        NOT NULL,
    sequence_number  INTEGER     NOT NULL,
    parent_call_sid  TEXT        NULL,
    direction        TEXT        NULL,
    from_number      TEXT        NULL,
    to_number        TEXT        NULL,
    occurred_at      TEXT        NULL,
    received_at      TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    CONSTRAINT pk_call_status_events PRIMARY KEY (call_sid, call_status, sequence_number)
);
CREATE INDEX ix_call_status_events_received_at ON call_status_events (received_at);

CREATE TABLE recordings (
    recording_sid     TEXT        NOT NULL,
    recording_status  TEXT        NOT NULL,
    conference_sid    TEXT        NULL,
    call_sid          TEXT        NULL,
    recording_url     TEXT        NULL,
    duration_seconds  INTEGER     NULL,
    channels          INTEGER     NULL,
    received_at       TEXT        NOT NULL,
    payload           TEXT        NOT NULL,
    CONSTRAINT pk_recordings PRIMARY KEY (recording_sid, recording_status)
);
CREATE INDEX ix_recordings_conference_sid ON recordings (conference_sid);
CREATE INDEX ix_recordings_call_sid ON recordings (call_sid);
CREATE INDEX ix_recordings_received_at ON recordings (received_at);
