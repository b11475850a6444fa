package org.parley.chat.chatport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.realtime.OutboundFrame;
import org.parley.chat.realtime.SocketWriter;
import org.springframework.web.socket.CloseStatus;

/** A chat-port socket's writes, read off an embedded channel in the order they would reach the client. */
class NettySocketSessionTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final NettySocketSession session = new NettySocketSession(
            channel, URI.create("ws://127.0.0.1/ws"), null, Map.of(), null, 5_000, new LoopWriter(channel.eventLoop()));
    private final SocketWriter writer = session.writer(null, 1 << 20, 5_000);

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void theCloseFrameFollowsWhatWasQueuedBeforeItAndNothingFollowsIt() {
        assertThat(writer.offer(new OutboundFrame("{\"n\":1}"))).isTrue();
        session.closeWith(CloseStatus.POLICY_VIOLATION);
        assertThat(writer.offer(new OutboundFrame("{\"n\":2}")))
                .as("accepted, and dropped")
                .isTrue();
        channel.runPendingTasks();

        List<String> sent = new ArrayList<>();
        Object written;
        while ((written = channel.readOutbound()) != null) {
            if (written instanceof CloseWebSocketFrame close) {
                sent.add("close " + close.statusCode());
            } else {
                ByteBuf bytes = (ByteBuf) written;
                // The frame is pre-encoded: a 2-byte header, then the text.
                sent.add(bytes.toString(2, bytes.readableBytes() - 2, StandardCharsets.UTF_8));
            }
            ReferenceCountUtil.release(written);
        }
        assertThat(sent).containsExactly("{\"n\":1}", "close 1008");
    }
}
