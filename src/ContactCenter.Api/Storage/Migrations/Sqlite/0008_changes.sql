-- 0008: the live change feed. Kept in lockstep with Migrations/Postgres/0008_changes.sql.
-- Append-only: one row per written row of the watched state tables, inserted by triggers in the writer's own
-- transaction, so no write site can forget it and a change exists exactly when its state does. Never a phone number:
-- subjects are room friendly names, agent ids, queue ids and transfer ids. Purged after a day (RetentionPurge).
CREATE TABLE changes (
    id       INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    at       TEXT        NOT NULL,
    kind     TEXT        NOT NULL,
    subject  TEXT        NOT NULL,
    room     TEXT        NULL,
    agent    TEXT        NULL
);
CREATE INDEX ix_changes_at ON changes (at);

CREATE TRIGGER tr_conferences_insert_change AFTER INSERT ON conferences
WHEN NEW.friendly_name IS NOT NULL
BEGIN
    INSERT INTO changes (at, kind, subject, room) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'room', NEW.friendly_name, NEW.friendly_name);
END;

-- Every callback moves last_sequence_number; its conference_events row already says so, so only a start, an end or a
-- newly learned name is a change of the room itself.
CREATE TRIGGER tr_conferences_update_change AFTER UPDATE ON conferences
WHEN NEW.friendly_name IS NOT NULL AND (OLD.friendly_name IS NOT NEW.friendly_name OR OLD.started_at IS NOT NEW.started_at OR OLD.ended_at IS NOT NEW.ended_at)
BEGIN
    INSERT INTO changes (at, kind, subject, room) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'room', NEW.friendly_name, NEW.friendly_name);
END;

-- The first event of a room arrives before its conferences row; that row's insert is the change then.
CREATE TRIGGER tr_conference_events_change AFTER INSERT ON conference_events
BEGIN
    INSERT INTO changes (at, kind, subject, room)
    SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), 'room', c.friendly_name, c.friendly_name
    FROM conferences c WHERE c.conference_sid = NEW.conference_sid AND c.friendly_name IS NOT NULL;
END;

CREATE TRIGGER tr_agent_states_change AFTER UPDATE ON agent_states
BEGIN
    INSERT INTO changes (at, kind, subject, agent) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'agent', NEW.agent_id, NEW.agent_id);
END;

CREATE TRIGGER tr_queue_entries_insert_change AFTER INSERT ON queue_entries
BEGIN
    INSERT INTO changes (at, kind, subject, room, agent) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'queue', NEW.queue_id,
        COALESCE((SELECT friendly_name FROM conferences WHERE conference_sid = NEW.conference_sid), 'room-' || NEW.caller_call_sid), NEW.offered_agent_id);
END;

CREATE TRIGGER tr_queue_entries_update_change AFTER UPDATE ON queue_entries
BEGIN
    INSERT INTO changes (at, kind, subject, room, agent) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'queue', NEW.queue_id,
        COALESCE((SELECT friendly_name FROM conferences WHERE conference_sid = NEW.conference_sid), 'room-' || NEW.caller_call_sid), NEW.offered_agent_id);
END;

-- A transfer to a number names the number in target_id: only an agent target is copied.
CREATE TRIGGER tr_transfers_insert_change AFTER INSERT ON transfers
BEGIN
    INSERT INTO changes (at, kind, subject, room, agent) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'transfer', NEW.id,
        (SELECT friendly_name FROM conferences WHERE conference_sid = NEW.conference_sid), CASE WHEN NEW.target_kind = 'agent' THEN NEW.target_id END);
END;

CREATE TRIGGER tr_transfers_update_change AFTER UPDATE ON transfers
BEGIN
    INSERT INTO changes (at, kind, subject, room, agent) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'transfer', NEW.id,
        (SELECT friendly_name FROM conferences WHERE conference_sid = NEW.conference_sid), CASE WHEN NEW.target_kind = 'agent' THEN NEW.target_id END);
END;
