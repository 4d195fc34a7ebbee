-- Import at scale (issue 20): each role a page creates read every stored role twice —
-- for the next position (`MAX(position)`) and for the roles with the same title (the
-- import's "has the same title" warning) — each a scan of the whole families table, so an
-- import of 3,020 pages spent half its time there (1.9 ms a scan at 3,000 roles, quadratic
-- in the number of roles). Both are now a lookup; the role list's order (position, id)
-- reads the first index too. Index only: no data changes.
CREATE INDEX families_position ON families(position);
CREATE INDEX families_title ON families(title);
