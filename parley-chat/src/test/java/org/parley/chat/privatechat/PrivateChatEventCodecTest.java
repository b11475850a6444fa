package org.parley.chat.privatechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.event.MessageRead;
import org.parley.chat.event.MessageRemoved;
import org.parley.chat.event.MessageRestored;
import org.parley.chat.event.PresenceChanged;
import org.parley.chat.event.UserTyping;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The original's frames, with names and text HTML-escaped for the original page, which inserts them raw. */
class PrivateChatEventCodecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ODD = "<o'neil & \"co\">";
    private static final String ODD_ESCAPED = "&lt;o&#39;neil &amp; &quot;co&quot;&gt;";

    private final PrivateChatEventCodec codec = new PrivateChatEventCodec(
            JSON,
            new ChatClock(new Binder(new MapConfigurationPropertySource(
                            Map.of("parley.datetime-format", "dd.MM.yyyy HH:mm:ss", "parley.time-zone", "UTC")))
                    .bindOrCreate("parley", ParleyProperties.class)));

    @Test
    void everyNameAndTextIsEscapedAndTypesAreTheOriginals() {
        String message = codec.encode(new MessageCreated(
                17, 3, 1, ODD, 2, "bob", "<script>x</script>", Instant.parse("2017-02-12T11:28:21Z"), "c-1"));
        assertThat(JSON.readTree(message))
                .isEqualTo(JSON.readTree("{\"type\":\"new-message\",\"username\":\"bob\","
                        + "\"message\":\"&lt;script&gt;x&lt;/script&gt;\",\"created\":\"12.02.2017 11:28:21\","
                        + "\"sender_name\":\"" + ODD_ESCAPED + "\",\"message_id\":17}"));
        assertThat(codec.encode(new UserTyping(3, 1, ODD, 2)))
                .isEqualTo("{\"type\":\"opponent-typing\",\"username\":\"" + ODD_ESCAPED + "\"}");
        assertThat(codec.encode(new MessageRead(17, 3, 2, ODD, 1)))
                .isEqualTo(
                        "{\"type\":\"opponent-read-message\",\"username\":\"" + ODD_ESCAPED + "\",\"message_id\":17}");
        assertThat(codec.encode(new PresenceChanged(1, ODD, true)))
                .isEqualTo("{\"type\":\"gone-online\",\"usernames\":[\"" + ODD_ESCAPED + "\"]}");
        assertThat(codec.encode(new PresenceChanged(1, ODD, false)))
                .isEqualTo("{\"type\":\"gone-offline\",\"username\":\"" + ODD_ESCAPED + "\"}");
        // The original page has no way to show a removal or a restoration.
        assertThat(codec.encode(new MessageRemoved(17, 3))).isNull();
        assertThat(codec.encode(new MessageRestored(17, 3, 1, ODD, "back", false, Instant.now())))
                .isNull();
    }
}
