-- Who may see what, faster (issue 19): the twin of ../0013_access_speed.sql.
--
-- A hiring manager's or an interviewer's policies on the log and the scorecards asked,
-- for every row, whether it was hidden from them (a function with subqueries, per row):
-- `rolecall stats` as the hiring manager of a role with 14,600 applications took 26 s
-- against 0.85 s for a recruiter. The scorecards hidden from the login are now listed
-- once per statement (rolecall_hidden_scorecards starts from the login's own schedules)
-- and each row is looked up in that list: 0.67 s.
ALTER POLICY seen ON events
    USING (application_id IN (SELECT a.id FROM applications a)
           AND id NOT IN (SELECT h.event_id FROM rolecall_hidden_scorecards() h));
ALTER POLICY seen ON interviews
    USING (application_id IN (SELECT a.id FROM applications a)
           AND id NOT IN (SELECT h.interview_id FROM rolecall_hidden_scorecards() h));

-- A login has few interviews and fewer hidden scorecards: without this the planner
-- guesses a thousand rows each.
ALTER FUNCTION rolecall_hidden_scorecards() ROWS 10;
ALTER FUNCTION rolecall_interview_applications() ROWS 20;
