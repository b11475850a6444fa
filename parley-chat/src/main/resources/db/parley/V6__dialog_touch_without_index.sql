-- Every message moves its dialog's `modified` time. With `modified` in an index, PostgreSQL writes a new
-- entry in every index of the table for each of those updates, and a busy dialog's rows and indexes bloat
-- faster than autovacuum cleans them (docs/performance.md: the dialog benchmark slowed by a quarter within a
-- minute). Without it the update is a heap-only (HOT) update, cleaned up within the page. Lists ordered by
-- `modified` now sort: one user's dialogs are found by participant, and the admin's list of all dialogs
-- sorts the table (measured in docs/performance.md, "Admin pages").
drop index dialog_owner_modified;
drop index dialog_opponent_modified;
drop index dialog_modified;
create index dialog_owner on dialog (owner_id);
create index dialog_opponent on dialog (opponent_id);
