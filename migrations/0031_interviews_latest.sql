-- Each application's interviews in id order with their recommendation, so its latest
-- recommendation (a board card's figure) is the last entry of its run in this index: no
-- sort and no table row. Through `interviews_application` (application, stage, id) the
-- latest by id needed every interview's row, then a sort; for the cards a key brings on
-- screen at 1,000,000 candidates that was most of a filter key's time (issue 20). Index
-- only: no data changes. (0028 is another change's number.)
CREATE INDEX interviews_latest ON interviews(application_id, id, recommendation);
