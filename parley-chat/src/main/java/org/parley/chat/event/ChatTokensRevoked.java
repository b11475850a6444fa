package org.parley.chat.event;

import java.util.List;

/**
 * Chat tokens of one user were revoked (the HTTP session they were issued to logged out). Not shown to
 * anyone: every node closes that user's sockets opened with one of these tokens.
 *
 * @param tokenHashes the SHA-256 hashes (hex) of the revoked tokens, as the database keeps them; never the
 *     tokens themselves
 */
public record ChatTokensRevoked(long userId, List<String> tokenHashes) implements ChatEvent {}
