-- 0002: conference control. Kept in lockstep with Migrations/Sqlite/0002_control.sql.
CREATE TABLE transfers (
    id                    text        NOT NULL PRIMARY KEY,
    conference_sid        text        NOT NULL,
    type                  text        NOT NULL,
    state                 text        NOT NULL,
    target_kind           text        NOT NULL,
    target_id             text        NOT NULL,
    target_call_sid       text        NULL,
    first_agent_call_sid  text        NULL,
    customer_call_sid     text        NOT NULL,
    reason                text        NULL,
    actor                 text        NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    version               bigint      NOT NULL
);
-- One active (dialing or connected) transfer per room, whichever instance starts it.
CREATE UNIQUE INDEX ux_transfers_active_room ON transfers (conference_sid) WHERE state IN ('dialing', 'connected');
CREATE INDEX ix_transfers_conference_sid ON transfers (conference_sid, created_at);
CREATE INDEX ix_transfers_target_call_sid ON transfers (target_call_sid);
CREATE INDEX ix_transfers_customer_call_sid ON transfers (customer_call_sid);

CREATE TABLE audit (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor    text        NOT NULL,
    action   text        NOT NULL,
    room     text        NULL,
    target   text        NULL,
    outcome  text        NOT NULL,
    detail   text        NULL
);
CREATE INDEX ix_audit_room ON audit (room, id);
