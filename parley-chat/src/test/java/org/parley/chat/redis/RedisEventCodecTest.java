package org.parley.chat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.ChatEventSamples;

class RedisEventCodecTest {

    private final RedisEventCodec codec = new RedisEventCodec();

    @Test
    void everyChatEventTypeHasAUniqueRedisWireName() {
        var missing = ChatEventSamples.concreteTypes(ChatEvent.class).stream()
                .filter(type -> !RedisEventCodec.WIRE_NAMES.containsKey(type))
                .map(Class::getName)
                .toList();
        assertThat(missing)
                .as("ChatEvent types without a line in RedisEventCodec.WIRE_NAMES (they would never cross nodes)")
                .isEmpty();
        assertThat(new HashSet<>(RedisEventCodec.WIRE_NAMES.values())).hasSize(RedisEventCodec.WIRE_NAMES.size());
    }

    @Test
    void everyEventTypeRoundTripsWithItsEnvelope() {
        List<Topic> topics = List.of(Topic.user(1), Topic.room(2));
        long seq = 1;
        for (ChatEvent event : ChatEventSamples.all()) {
            String payload = codec.encode("node-a", seq, event, topics);
            var envelope = codec.decode(payload);
            assertThat(envelope.event()).as(payload).isEqualTo(event);
            assertThat(envelope.topics()).isEqualTo(topics);
            assertThat(envelope.node()).isEqualTo("node-a");
            assertThat(envelope.seq()).isEqualTo(seq++);
        }
    }

    @Test
    void aNewerNodesExtraFieldsAreIgnoredButAnUnknownTypeIsRefused() {
        String payload = "{\"s\":3,\"n\":\"x\",\"t\":[\"user:1\"],\"k\":\"user-typing\",\"e\":{\"dialogId\":1,"
                + "\"typistId\":2,\"typistUsername\":\"a\",\"recipientId\":1,\"mood\":\"new\"}}";
        assertThat(codec.decode(payload).event()).hasFieldOrPropertyWithValue("typistUsername", "a");

        assertThatThrownBy(() -> codec.decode(payload.replace("user-typing", "from-the-future")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
