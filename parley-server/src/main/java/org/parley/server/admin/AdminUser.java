package org.parley.server.admin;

/**
 * An account as the user admin shows it.
 *
 * @param id the account's id (used in admin URLs)
 * @param chatUserId the chat's id for the same user (in dialogs, messages and the audit log)
 * @param muted whether the user may not post in rooms
 */
public record AdminUser(
        long id, long chatUserId, String username, String displayName, boolean staff, boolean active, boolean muted) {}
