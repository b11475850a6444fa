package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chat port's shared frame bytes: a valid RFC 6455 server text frame, made once per frame. */
class OutboundFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void wireBytesAreOneUnmaskedFinalTextFrameWithTheWholePayload(int length) {
        String text = "é".repeat(length / 2) + "x".repeat(length % 2);
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);

        ByteBuffer wire = ByteBuffer.wrap(new OutboundFrame(text).wireBytes());

        assertThat(wire.get()).as("FIN + text opcode").isEqualTo((byte) 0x81);
        int second = wire.get() & 0xFF;
        assertThat(second & 0x80).as("a server frame is not masked").isZero();
        long size = second & 0x7F;
        if (size == 126) {
            size = wire.getShort() & 0xFFFF;
        } else if (size == 127) {
            size = wire.getLong();
        }
        assertThat(size).isEqualTo(payload.length);
        byte[] rest = new byte[wire.remaining()];
        wire.get(rest);
        assertThat(rest).isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 1000})
    void theBytesAreMadeOnceAndSharedByEveryCaller(int callers) {
        var frame = new OutboundFrame("{\"type\":\"new-message\"}");
        byte[] first = frame.wireBytes();
        for (int i = 0; i < callers; i++) {
            assertThat(frame.wireBytes()).isSameAs(first);
        }
    }
}
