-- Schema 2: the catalogue's change log (see migrations/sqlite/0002_catalogue_changes.sql).
-- Each write also sends NOTIFY tremplin_catalogue with its change number, delivered when it
-- commits, so that nodes listening learn of it at once; the log is how they catch up.
CREATE TABLE catalogue_changes (
  version BIGINT PRIMARY KEY,
  course_id BIGINT NOT NULL,
  changed_at TEXT NOT NULL
);
