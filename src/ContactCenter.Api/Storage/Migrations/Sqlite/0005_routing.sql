-- 0005: automatic call distribution. Kept in lockstep with Migrations/Postgres/0005_routing.sql.
CREATE TABLE agent_states (
    agent_id                TEXT        NOT NULL PRIMARY KEY,
    presence                TEXT        NOT NULL,
    reason                  TEXT        NULL,
    since                   TEXT        NOT NULL,
    last_call_ended_at      TEXT        NULL,
    last_offered_at         TEXT        NULL,
    consecutive_misses      INTEGER     NOT NULL,
    current_caller_call_sid TEXT        NULL,
    wrap_up_until           TEXT        NULL,
    version                 INTEGER     NOT NULL
);
CREATE INDEX ix_agent_states_presence ON agent_states (presence);

CREATE TABLE queue_entries (
    caller_call_sid   TEXT        NOT NULL PRIMARY KEY,
    conference_sid    TEXT        NOT NULL,
    queue_id          TEXT        NOT NULL,
    priority          INTEGER     NOT NULL,
    entered_at        TEXT        NOT NULL,
    state             TEXT        NOT NULL,
    offered_agent_id  TEXT        NULL,
    offered_call_sid  TEXT        NULL,
    offered_at        TEXT        NULL,
    answered_at       TEXT        NULL,
    ended_at          TEXT        NULL,
    max_wait_due_at   TEXT        NULL,
    version           INTEGER     NOT NULL
);
CREATE INDEX ix_queue_entries_queue ON queue_entries (queue_id, state, priority DESC, entered_at);
CREATE INDEX ix_queue_entries_conference ON queue_entries (conference_sid);
CREATE INDEX ix_queue_entries_offered_call ON queue_entries (offered_call_sid);
CREATE INDEX ix_queue_entries_entered ON queue_entries (entered_at);
