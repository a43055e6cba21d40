-- Schema 6: course status and mailed single-use links (see migrations/sqlite/0006_back_office.sql).
-- A change of an organisation's profile (or a new organisation) takes a change number too, so
-- that nodes read it again: course_id is then 0 and organisation_id names it.
ALTER TABLE catalogue_changes ADD COLUMN organisation_id BIGINT NOT NULL DEFAULT 0;

ALTER TABLE courses ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
  CONSTRAINT courses_status_check CHECK (status IN ('draft', 'published', 'archived'));

CREATE TABLE user_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL
    CONSTRAINT user_tokens_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL
    CONSTRAINT user_tokens_purpose_check CHECK (purpose IN ('invitation', 'password_reset')),
  created_unix BIGINT NOT NULL,
  expires_unix BIGINT NOT NULL,
  used_unix BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX user_tokens_user_id_idx ON user_tokens (user_id);
