-- 0004: dials whose outcome is unknown, and idempotency keys. Kept in lockstep with Migrations/Sqlite/0004_idempotency.sql.
-- A dial Twilio may or may not have placed (a timeout, an unreadable answer) is recorded by room and label; the same dial
-- into the same room is checked against Twilio's participant list before it may be made again.
CREATE TABLE pending_dials (
    conference_sid  text        NOT NULL,
    label           text        NOT NULL,
    target          text        NOT NULL,
    actor           text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (conference_sid, label)
);
CREATE INDEX ix_pending_dials_created_at ON pending_dials (created_at);

-- Idempotency-Key on admin actions: the first outcome of (actor, key), replayed to a retry; purged with the retention window.
CREATE TABLE idempotency_keys (
    actor         text        NOT NULL,
    key           text        NOT NULL,
    method        text        NOT NULL,
    path          text        NOT NULL,
    fingerprint   text        NOT NULL,
    state         text        NOT NULL,
    status_code   integer     NULL,
    content_type  text        NULL,
    location      text        NULL,
    body          bytea       NULL,
    created_at    timestamptz NOT NULL,
    completed_at  timestamptz NULL,
    PRIMARY KEY (actor, key)
);
CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
