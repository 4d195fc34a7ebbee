-- Who may see what, a person's own events (issue 19): the twin of
-- ../0017_access_person_events.sql.
--
-- The events about a person rather than an application (edited, erased) were hidden
-- from a hiring manager, who sees the person's contact details anyway: they now see
-- those of the people they see. An interviewer still does not (an edit's note names the
-- fields changed, and an interviewer sees no contact details).
CREATE POLICY person_events ON events FOR SELECT TO rolecall_hiring_manager
    USING (application_id IS NULL AND candidate_id IN (SELECT c.id FROM candidates c));
