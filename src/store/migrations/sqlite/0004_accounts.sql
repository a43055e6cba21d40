-- Schema 4: accounts. People who sign in (GEN administrators, reviewers, members of training
-- organisations), the organisations a member belongs to, their server-side sessions, and the
-- failed sign-ins that throttling counts. Times used in comparisons are Unix seconds.
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL,               -- lower case, as typed otherwise
  name TEXT NOT NULL,
  role TEXT NOT NULL
    CONSTRAINT users_role_check CHECK (role IN ('admin', 'reviewer', 'member')),
  password_hash TEXT NOT NULL,       -- argon2id, libsodium's string form; '' until one is set
  disabled_at TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE user_organisations (
  user_id INTEGER NOT NULL
    CONSTRAINT user_organisations_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL
    CONSTRAINT user_organisations_organisation_id_fkey REFERENCES organisations (id),
  CONSTRAINT user_organisations_pkey PRIMARY KEY (user_id, organisation_id)
);

-- A session is known by the SHA-256 of its cookie's token: a copy of this table opens no
-- session.
CREATE TABLE user_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL
    CONSTRAINT user_sessions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_unix INTEGER NOT NULL,
  seen_unix INTEGER NOT NULL
);
CREATE INDEX user_sessions_user_id_idx ON user_sessions (user_id);

CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  throttle_key TEXT NOT NULL,        -- "account:EMAIL" or "address:IP"
  at_unix INTEGER NOT NULL
);
CREATE INDEX login_failures_key_idx ON login_failures (throttle_key, at_unix);
