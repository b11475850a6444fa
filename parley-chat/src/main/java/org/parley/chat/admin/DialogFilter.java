package org.parley.chat.admin;

/**
 * What the admin's dialog list shows: all dialogs, or those of one participant and/or created or modified in
 * a time range.
 *
 * @param participant a username, or null for any
 */
public record DialogFilter(String participant, TimeRange created, TimeRange modified) {

    public static final DialogFilter ALL = new DialogFilter(null, TimeRange.ANY, TimeRange.ANY);
}
