package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.ChatEventSamples;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.event.RoomDeleted;
import org.parley.chat.event.RoomMemberLeft;
import org.parley.chat.event.RoomMessageCreated;
import org.parley.chat.event.RoomMessageRemoved;
import org.parley.chat.event.RoomMessageRestored;
import org.parley.chat.event.RoomNotice;
import org.parley.chat.event.RoomPresenceChanged;
import tools.jackson.databind.json.JsonMapper;

/** The multichat frames, byte for byte where the original's client depends on them. */
class MultichatEventCodecTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MultichatEventCodec codec = new MultichatEventCodec(json, true);

    @Test
    void aRoomMessageIsTheOriginalsFrameWithUsernameAndTextEscaped() {
        String frame = codec.encode(new RoomMessageCreated(
                7, 1, 2, "<b>al'ice</b>", "<img src=x onerror=alert(1)> & \"hi\"", Instant.now(), "c"));

        assertThat(frame)
                .isEqualTo("{\"msg_type\":0,\"room\":\"1\",\"username\":\"&lt;b&gt;al&#39;ice&lt;/b&gt;\","
                        + "\"message\":\"&lt;img src=x onerror=alert(1)&gt; &amp; &quot;hi&quot;\"}");
    }

    @Test
    void noticesLeavesAndDeletionsHaveTheirLevelsAndShapes() {
        assertThat(codec.encode(new RoomNotice(3, 2, "boss", "restart")))
                .isEqualTo("{\"msg_type\":2,\"room\":\"3\",\"username\":\"boss\",\"message\":\"restart\"}");
        assertThat(codec.encode(new RoomMemberLeft(3, 9, "bob")))
                .isEqualTo("{\"msg_type\":5,\"room\":\"3\",\"username\":\"bob\"}");
        assertThat(codec.encode(new RoomPresenceChanged(3, 9, "bob", true)))
                .isEqualTo("{\"msg_type\":4,\"room\":\"3\",\"username\":\"bob\"}");
        assertThat(codec.encode(new RoomDeleted(3))).isEqualTo("{\"leave\":\"3\"}");
    }

    @Test
    void eventsTheOriginalNeverShowedAreNotEncoded() {
        assertThat(codec.encode(new MessageCreated(1, 1, 1, "a", 2, "b", "x", Instant.now(), null)))
                .isNull();
        // Staff removing or restoring a room message: the original client has no frame for either.
        assertThat(codec.encode(new RoomMessageRemoved(17, 3))).isNull();
        assertThat(codec.encode(new RoomMessageRestored(17, 3, 1, "a", "back", Instant.now())))
                .isNull();
        for (ChatEvent event : ChatEventSamples.all()) {
            // Never fails on any event type, shown or not.
            codec.encode(event);
        }
    }
}
