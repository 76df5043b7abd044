-- 0002: conference control. Kept in lockstep with Migrations/Postgres/0002_control.sql.
CREATE TABLE transfers (
    id                    TEXT        NOT NULL PRIMARY KEY,
    conference_sid        TEXT        NOT NULL,
    type                  TEXT        NOT NULL,
    state                 TEXT        NOT NULL,
    target_kind           TEXT        NOT NULL,
    target_id             TEXT        NOT NULL,
    target_call_sid       TEXT        NULL,
    first_agent_call_sid  TEXT        NULL,
    customer_call_sid     TEXT        NOT NULL,
    reason                TEXT        NULL,
    actor                 TEXT        NOT NULL,
    created_at            TEXT        NOT NULL,
    updated_at            TEXT        NOT NULL,
    version               INTEGER     NOT NULL
);
-- One active (dialing or connected) transfer per room, whichever instance starts it.
CREATE UNIQUE INDEX ux_transfers_active_room ON transfers (conference_sid) WHERE state IN ('dialing', 'connected');
CREATE INDEX ix_transfers_conference_sid ON transfers (conference_sid, created_at);
CREATE INDEX ix_transfers_target_call_sid ON transfers (target_call_sid);
CREATE INDEX ix_transfers_customer_call_sid ON transfers (customer_call_sid);

CREATE TABLE audit (
    id       INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    at       TEXT        NOT NULL,
    actor    TEXT        NOT NULL,
    action   TEXT        NOT NULL,
    room     TEXT        NULL,
    target   TEXT        NULL,
    outcome  TEXT        NOT NULL,
    detail   TEXT        NULL
);
CREATE INDEX ix_audit_room ON audit (room, id);
