package org.parley.chat.admin;

import java.time.Instant;

/**
 * One line of the audit log: who did what to which thing, and when.
 *
 * @param action an {@link AdminAction#code()}
 * @param targetType what kind of thing was acted on ({@code user}, {@code room}, {@code message}, ...)
 * @param targetId its id or name
 * @param detail extra facts (a new title, a token's name); never a password or token
 */
public record AuditEntry(
        long id,
        long actorId,
        String actorUsername,
        String action,
        String targetType,
        String targetId,
        String detail,
        Instant created) {}
