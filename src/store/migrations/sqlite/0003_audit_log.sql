-- Schema 3: the audit log. Every change — who, what, when, the entity before and after — is
-- appended here in the transaction that makes it. Each row carries the SHA-256 of its content
-- and of the previous row's hash, so that editing, deleting or reordering rows breaks the
-- chain (`tremplin audit verify` finds where). The triggers refuse updates and deletes through
-- SQL; someone who removes them or edits the file is caught by the chain.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  before_state TEXT NOT NULL,
  after_state TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
