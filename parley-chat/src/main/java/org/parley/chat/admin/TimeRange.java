package org.parley.chat.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.parley.chat.support.InvalidInputException;

/**
 * A filter on a time column: {@code from} inclusive, {@code until} exclusive, either may be open.
 * Filters accept a date ({@code 2024-05-01}, a whole day in {@code parley.time-zone}, so "to 2024-05-01"
 * includes that day) or an ISO date-time with offset ({@code 2024-05-01T10:00:00Z}).
 */
public record TimeRange(Instant from, Instant until) {

    public static final TimeRange ANY = new TimeRange(null, null);

    public boolean isOpen() {
        return from == null && until == null;
    }

    /**
     * Parses the two bounds of a form or query; a bad value is an {@link InvalidInputException} naming
     * {@code fromField} or {@code toField}.
     */
    public static TimeRange parse(String from, String to, ZoneId zone, String fromField, String toField) {
        Instant start = bound(from, zone, false, fromField);
        Instant end = bound(to, zone, true, toField);
        return new TimeRange(start, end);
    }

    private static Instant bound(String text, ZoneId zone, boolean end, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(Map.of(field, "parley.admin.error.date"));
        }
    }
}
