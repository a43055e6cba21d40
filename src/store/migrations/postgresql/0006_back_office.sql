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

-- A stored 'closed' now means the organisation closed the session's recruitment, whatever its
-- dates (core/course.h RecruitmentOn). Before, the dates wrote it too (the demo catalogue stored
-- 'closed' once enrolment was over): such sessions go back to their dates deciding, as they did.
UPDATE course_sessions SET recruitment_state = 'open' WHERE recruitment_state = 'closed';

-- A mail's text may hold a single-use link: the outbox keeps it only until the mail is sent or
-- the sender gives up on it (next attempt 2147483647000, store/outbox.h kMailAbandonedUnix).
UPDATE outbox SET body = '' WHERE sent_at <> '' OR next_attempt_unix = 2147483647000;
