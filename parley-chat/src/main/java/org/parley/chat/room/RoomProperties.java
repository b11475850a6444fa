package org.parley.chat.room;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code parley.rooms.*} settings; the README's configuration reference lists the same names.
 *
 * @param notifyEnterLeave whether members are told when someone joins or leaves a room, or comes online or
 *     goes offline in it (message levels 4 and 5)
 * @param multichatPath where the multichat-compatible socket listens (the original's {@code /chat/stream/})
 * @param multichatHistory how many stored messages a multichat socket gets (as level-0 messages) right
 *     after joining a room; 0 sends none, like the original
 * @param adminPath where staff manage rooms; the room list links there when there are no rooms
 */
@ConfigurationProperties("parley.rooms")
public record RoomProperties(
        @DefaultValue("true") boolean notifyEnterLeave,
        @DefaultValue("/chat/stream/") String multichatPath,
        @DefaultValue("30") int multichatHistory,
        @DefaultValue("/admin/rooms") String adminPath) {}
