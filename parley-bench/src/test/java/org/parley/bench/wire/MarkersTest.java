package org.parley.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkersTest {

    @Test
    void findsEveryMarkerWithItsMessageIdInsideJsonFrames() {
        byte[] text = new byte[200];
        int length = Markers.write(text, 0, 7, 42, 123456789L, 70);
        String marker = new String(text, 0, length, StandardCharsets.US_ASCII);
        assertThat(marker).startsWith("BM|7|42|123456789|").hasSize(70);

        String frame = "{\"type\":\"history\",\"messages\":[{\"message_id\":31,\"message\":\"" + marker
                + "\"},{\"message_id\":32,\"message\":\"" + marker.replace("|42|", "|43|") + "\"}]}";
        ByteBuffer buffer = ByteBuffer.wrap(("junk" + frame).getBytes(StandardCharsets.US_ASCII));
        List<String> found = new ArrayList<>();
        int count = Markers.scan(
                buffer,
                4,
                frame.length(),
                (channel, seq, sent, id) -> found.add(channel + "/" + seq + "/" + sent + "/" + id));

        assertThat(count).isEqualTo(2);
        assertThat(found).containsExactly("7/42/123456789/31", "7/43/123456789/32");
    }
}
