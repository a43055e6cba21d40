-- Schema 5: the mail outbox. A mail is queued in the transaction of what it announces, then
-- sent by the server's mail sender over SMTP; a failure is retried later (next_attempt_unix,
-- attempts, last_error), and what keeps failing stays visible (tremplin mail list).
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_unix INTEGER NOT NULL,
  sent_at TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due_idx ON outbox (sent_at, next_attempt_unix);
