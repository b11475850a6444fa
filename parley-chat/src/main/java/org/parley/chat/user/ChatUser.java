package org.parley.chat.user;

/**
 * A user as the chat sees one, whatever the host's user model is.
 *
 * @param id Parley's stable id for this user (its {@code chat_user} row)
 * @param username the login name, unique
 * @param displayName what other users see
 * @param staff whether the user may enter staff-only rooms and use the admin
 */
public record ChatUser(long id, String username, String displayName, boolean staff) {}
