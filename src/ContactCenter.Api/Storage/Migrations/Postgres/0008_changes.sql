-- 0008: the live change feed. Kept in lockstep with Migrations/Sqlite/0008_changes.sql (see the comments there).
-- Each change also NOTIFYs cc_changes with its id: every instance LISTENs, so a change made on one reaches pages on all.
-- Identity values commit out of order; the reader (Console/ChangeFeed) holds a gap until its transaction ends.
CREATE TABLE changes (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    kind     text        NOT NULL,
    subject  text        NOT NULL,
    room     text        NULL,
    agent    text        NULL
);
CREATE INDEX ix_changes_at ON changes (at);

CREATE FUNCTION cc_change(p_kind text, p_subject text, p_room text, p_agent text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO changes (at, kind, subject, room, agent) VALUES (now(), p_kind, p_subject, p_room, p_agent) RETURNING id INTO new_id;
    PERFORM pg_notify('cc_changes', new_id::text);
END $$;

CREATE FUNCTION cc_room_name(p_conference_sid text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT friendly_name FROM conferences WHERE conference_sid = p_conference_sid
$$;

CREATE FUNCTION cc_conferences_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.friendly_name IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.friendly_name IS DISTINCT FROM NEW.friendly_name
        OR OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.ended_at IS DISTINCT FROM NEW.ended_at) THEN
        PERFORM cc_change('room', NEW.friendly_name, NEW.friendly_name, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_conferences_change AFTER INSERT OR UPDATE ON conferences FOR EACH ROW EXECUTE FUNCTION cc_conferences_change();

CREATE FUNCTION cc_conference_events_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    name text := cc_room_name(NEW.conference_sid);
BEGIN
    IF name IS NOT NULL THEN
        PERFORM cc_change('room', name, name, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_conference_events_change AFTER INSERT ON conference_events FOR EACH ROW EXECUTE FUNCTION cc_conference_events_change();

CREATE FUNCTION cc_agent_states_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM cc_change('agent', NEW.agent_id, NULL, NEW.agent_id);
    RETURN NULL;
END $$;
CREATE TRIGGER tr_agent_states_change AFTER UPDATE ON agent_states FOR EACH ROW EXECUTE FUNCTION cc_agent_states_change();

CREATE FUNCTION cc_queue_entries_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM cc_change('queue', NEW.queue_id, COALESCE(cc_room_name(NEW.conference_sid), 'room-' || NEW.caller_call_sid), NEW.offered_agent_id);
    RETURN NULL;
END $$;
CREATE TRIGGER tr_queue_entries_change AFTER INSERT OR UPDATE ON queue_entries FOR EACH ROW EXECUTE FUNCTION cc_queue_entries_change();

CREATE FUNCTION cc_transfers_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM cc_change('transfer', NEW.id, cc_room_name(NEW.conference_sid), CASE WHEN NEW.target_kind = 'agent' THEN NEW.target_id END);
    RETURN NULL;
END $$;
CREATE TRIGGER tr_transfers_change AFTER INSERT OR UPDATE ON transfers FOR EACH ROW EXECUTE FUNCTION cc_transfers_change();
