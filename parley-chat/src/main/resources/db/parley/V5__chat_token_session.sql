-- The HTTP session a chat token was issued to (SHA-256 of the session id, like the token itself: the id is
-- a login credential), so logging out ends that session's tokens and no other. Null for tokens issued
-- without a session (a request authenticated by a personal API token): those live until they expire.
alter table chat_token add column session_hash varchar(64);
create index chat_token_session on chat_token (session_hash);
