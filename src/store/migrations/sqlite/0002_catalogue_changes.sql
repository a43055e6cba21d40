-- Schema 2: the catalogue's change log. One row per write of a course, numbered by the change
-- number the write took (change_counters): a node that keeps a copy of the catalogue (its
-- search index) asks for the rows past the last number it has seen, then reads those courses
-- again. No foreign key: a removed course keeps its rows, which say it changed.
CREATE TABLE catalogue_changes (
  version INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL,
  changed_at TEXT NOT NULL
);
