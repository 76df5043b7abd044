-- 0004: dials whose outcome is unknown. Kept in lockstep with Migrations/Postgres/0004_idempotency.sql.
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
