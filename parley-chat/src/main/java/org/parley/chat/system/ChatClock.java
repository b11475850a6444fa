package org.parley.chat.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The time source and the one place message times are turned into text for users. */
public class ChatClock {

    private final DateTimeFormatter format;

    public ChatClock(ParleyProperties properties) {
        this.format = DateTimeFormatter.ofPattern(properties.datetimeFormat(), Locale.ROOT)
                .withZone(properties.zone());
    }

    /** Now, in UTC, truncated to microseconds because that is what PostgreSQL keeps. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** A stored instant as the {@code parley.datetime-format} setting shows it. */
    public String format(Instant instant) {
        return format.format(instant);
    }
}
