-- 0005: automatic call distribution. Kept in lockstep with Migrations/Sqlite/0005_routing.sql.
CREATE TABLE agent_states (
    agent_id                text        NOT NULL PRIMARY KEY,
    presence                text        NOT NULL,
    reason                  text        NULL,
    since                   timestamptz NOT NULL,
    last_call_ended_at      timestamptz NULL,
    last_offered_at         timestamptz NULL,
    consecutive_misses      integer     NOT NULL,
    current_caller_call_sid text        NULL,
    wrap_up_until           timestamptz NULL,
    version                 bigint      NOT NULL
);
CREATE INDEX ix_agent_states_presence ON agent_states (presence);

CREATE TABLE queue_entries (
    caller_call_sid   text        NOT NULL PRIMARY KEY,
    conference_sid    text        NOT NULL,
    queue_id          text        NOT NULL,
    priority          integer     NOT NULL,
    entered_at        timestamptz NOT NULL,
    state             text        NOT NULL,
    offered_agent_id  text        NULL,
    offered_call_sid  text        NULL,
    offered_at        timestamptz NULL,
    answered_at       timestamptz NULL,
    ended_at          timestamptz NULL,
    max_wait_due_at   timestamptz NULL,
    version           bigint      NOT NULL
);
CREATE INDEX ix_queue_entries_queue ON queue_entries (queue_id, state, priority DESC, entered_at);
CREATE INDEX ix_queue_entries_conference ON queue_entries (conference_sid);
CREATE INDEX ix_queue_entries_offered_call ON queue_entries (offered_call_sid);
CREATE INDEX ix_queue_entries_entered ON queue_entries (entered_at);
