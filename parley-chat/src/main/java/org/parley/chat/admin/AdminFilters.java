package org.parley.chat.admin;

import java.time.ZoneId;
import org.parley.chat.support.InvalidInputException;
import org.parley.chat.system.ParleyProperties;

/** Turns the admin's filter parameters (pages and API take the same ones) into filters. */
public final class AdminFilters {

    private AdminFilters() {}

    /** @throws InvalidInputException naming a date field that cannot be read */
    public static DialogFilter dialogs(
            String participant,
            String createdFrom,
            String createdTo,
            String modifiedFrom,
            String modifiedTo,
            ZoneId zone) {
        return new DialogFilter(
                blankToNull(participant),
                TimeRange.parse(createdFrom, createdTo, zone, "createdFrom", "createdTo"),
                TimeRange.parse(modifiedFrom, modifiedTo, zone, "modifiedFrom", "modifiedTo"));
    }

    /**
     * @param removed {@code yes}, {@code no}, or anything else for both
     * @throws InvalidInputException naming a date field that cannot be read
     */
    public static MessageFilter messages(
            Long dialog, Long room, String sender, String from, String to, String removed, String text, ZoneId zone) {
        Boolean removedFlag = "yes".equals(removed) || "true".equals(removed)
                ? Boolean.TRUE
                : "no".equals(removed) || "false".equals(removed) ? Boolean.FALSE : null;
        return new MessageFilter(
                dialog,
                room,
                blankToNull(sender),
                TimeRange.parse(from, to, zone, "from", "to"),
                removedFlag,
                blankToNull(text));
    }

    /** The page size an API client asked for, within 1 and {@code parley.admin.max-page-size}. */
    public static int size(Integer asked, ParleyProperties.Admin settings) {
        return asked == null ? settings.pageSize() : Math.max(1, Math.min(asked, settings.maxPageSize()));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
