-- 0001: conference state. Kept in lockstep with Migrations/Sqlite/0001_initial.sql (same tables, columns, keys).
CREATE TABLE conferences (
    conference_sid              text        NOT NULL PRIMARY KEY,
    friendly_name               text        NULL,
    account_sid                 text        NULL,
    started_at                  timestamptz NULL,
    ended_at                    timestamptz NULL,
    end_sequence_number         bigint      NULL,
    end_reason                  text        NULL,
    call_sid_ending_conference  text        NULL,
    first_event_at              timestamptz NOT NULL,
    last_sequence_number        bigint      NOT NULL,
    last_received_at            timestamptz NOT NULL
);
CREATE INDEX ix_conferences_friendly_name ON conferences (friendly_name);
CREATE INDEX ix_conferences_ended_at ON conferences (ended_at);
CREATE INDEX ix_conferences_last_received_at ON conferences (last_received_at);

CREATE TABLE conference_events (
    conference_sid   text        NOT NULL,
    sequence_number  bigint      NOT NULL,
    event_type       text        NOT NULL,
    call_sid         text        NULL,
    occurred_at      timestamptz NULL,
    received_at      timestamptz NOT NULL,
    payload          text        NOT NULL,
    CONSTRAINT pk_conference_events PRIMARY KEY (conference_sid, sequence_number)
);

CREATE TABLE call_status_events (
    call_sid         text        NOT NULL,
    call_status      text        NOT NULL,
    sequence_number  bigint      NOT NULL,
    parent_call_sid  text        NULL,
    direction        text        NULL,
    from_number      text        NULL,
    to_number        text        NULL,
    occurred_at      timestamptz NULL,
    received_at      timestamptz NOT NULL,
    payload          text        NOT NULL,
    CONSTRAINT pk_call_status_events PRIMARY KEY (call_sid, call_status, sequence_number)
);
CREATE INDEX ix_call_status_events_received_at ON call_status_events (received_at);

CREATE TABLE recordings (
    recording_sid     text        NOT NULL,
    recording_status  text        NOT NULL,
    conference_sid    text        NULL,
    call_sid          text        NULL,
    recording_url     text        NULL,
    duration_seconds  integer     NULL,
    channels          integer     NULL,
    received_at       timestamptz NOT NULL,
    payload           text        NOT NULL,
    CONSTRAINT pk_recordings PRIMARY KEY (recording_sid, recording_status)
);
CREATE INDEX ix_recordings_conference_sid ON recordings (conference_sid);
CREATE INDEX ix_recordings_call_sid ON recordings (call_sid);
CREATE INDEX ix_recordings_received_at ON recordings (received_at);
