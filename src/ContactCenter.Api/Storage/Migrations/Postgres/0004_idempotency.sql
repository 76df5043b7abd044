-- 0004: dials whose outcome is unknown. Kept in lockstep with Migrations/Sqlite/0004_idempotency.sql.
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
