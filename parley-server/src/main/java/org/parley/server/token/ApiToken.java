package org.parley.server.token;

import java.time.Instant;

/**
 * A personal API token as staff see it on the user's admin page: never the token itself, which only its
 * holder knows (Parley keeps a hash).
 *
 * @param lastUsed when it last authenticated a request (to the minute), or null if never
 */
public record ApiToken(long id, long accountId, String name, Instant created, Instant lastUsed, boolean revoked) {}
