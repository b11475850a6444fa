package org.parley.chat.admin;

/**
 * One entry of the admin's navigation. The library declares its own (rooms, dialogs, messages, audit log);
 * a host adds beans of this type for its own admin pages (the standalone server adds its users).
 *
 * @param titleKey message key of the link text
 * @param path where the link goes, e.g. {@code /admin/dialogs}
 * @param order position in the navigation, lowest first
 */
public record AdminSection(String id, String titleKey, String path, int order) {}
