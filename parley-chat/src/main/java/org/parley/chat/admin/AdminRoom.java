package org.parley.chat.admin;

import java.time.Instant;

/** A room as staff see it in the admin: staff-only ones included, with its number of members. */
public record AdminRoom(long id, String title, String slug, boolean staffOnly, Instant created, long members) {}
