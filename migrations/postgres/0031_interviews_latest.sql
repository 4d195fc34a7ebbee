-- The twin of ../0031_interviews_latest.sql: each application's interviews in id order
-- with their recommendation, for its latest recommendation without a sort or a table
-- row (issue 20). Index only: no data changes.
CREATE INDEX interviews_latest ON interviews(application_id, id, recommendation);
