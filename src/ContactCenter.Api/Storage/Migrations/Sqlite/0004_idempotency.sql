-- 0004: dials whose outcome is unknown, and idempotency keys. Kept in lockstep with Migrations/Postgres/0004_idempotency.sql.
-- A dial Twilio may or may not have placed (a timeout, an unreadable answer) is recorded by room and label; the same dial
-- into the same room is checked against Twilio's participant list before it may be made again.
CREATE TABLE pending_dials (
    conference_sid  TEXT        NOT NULL,
    label           TEXT        NOT NULL,
    target          TEXT        NOT NULL,
    actor           TEXT        NOT NULL,
    created_at      TEXT        NOT NULL,
    PRIMARY KEY (conference_sid, label)
);
CREATE INDEX ix_pending_dials_created_at ON pending_dials (created_at);

-- Idempotency-Key on admin actions: the first outcome of (actor, key), replayed to a retry; purged with the retention window.
CREATE TABLE idempotency_keys (
    actor         TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    method        TEXT        NOT NULL,
    path          TEXT        NOT NULL,
    fingerprint   TEXT        NOT NULL,
    state         TEXT        NOT NULL,
    status_code   INTEGER     NULL,
    content_type  TEXT        NULL,
    location      TEXT        NULL,
    body          BLOB        NULL,
    created_at    TEXT        NOT NULL,
    completed_at  TEXT        NULL,
    PRIMARY KEY (actor, key)
);
CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
