-- Speed of 0032's numbering triggers (issue 20, point 9): the twin of
-- ../0034_numbered_by_max.sql. `rolecall_numbered` asked whether any row had an id at or
-- above the new row's with `NOT EXISTS (… WHERE id >= $1)`, which the planner may answer by
-- reading the table in order (a sequential scan when its statistics lag behind the ids:
-- 2.5 ms per event written by a recruiter at 10,000 candidates, growing with the log).
-- `max(id)` is always read from the end of the primary key. The rule is the same: an id is
-- kept only when the identity default just gave it (the session's `currval`) and it is
-- above every id in the table; any other id gets the sequence's next value; no row is
-- renumbered. The owner's rows (exempt) no longer look the sequence up first: a bulk load
-- by the owner (`rolecall demo`) passes this trigger once per row.
CREATE OR REPLACE FUNCTION rolecall_numbered() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    seq TEXT;
    fresh BOOLEAN := false;
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id IS DISTINCT FROM OLD.id THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('row %s of %s keeps its id', OLD.id, TG_TABLE_NAME);
        END IF;
        RETURN NEW;
    END IF;
    seq := pg_get_serial_sequence(format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), 'id');
    BEGIN
        fresh := NEW.id = currval(seq);
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        fresh := false;
    END;
    IF fresh THEN
        EXECUTE format('SELECT coalesce(max(id) < $1, true) FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO fresh USING NEW.id;
    END IF;
    IF NOT fresh THEN
        NEW.id := nextval(seq);
    END IF;
    RETURN NEW;
END
$$;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_numbered() SET search_path = %I, pg_temp', current_schema());
END
$$;
