-- Chat tokens: the django-private-chat endpoint's session_key. Only a SHA-256 hash of each token is kept,
-- so a copy of this table opens no sockets. Any node can check a token. Runs on H2 (MODE=PostgreSQL) and
-- PostgreSQL.
create table chat_token (
    token_hash varchar(64) primary key,
    user_id    bigint not null references chat_user (id),
    created    timestamp with time zone not null,
    expires_at timestamp with time zone not null
);
create index chat_token_expires_at on chat_token (expires_at);
create index chat_token_user on chat_token (user_id);
