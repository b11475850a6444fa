package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.PresenceChanged;
import org.parley.chat.event.UserTyping;

/** Each event is encoded once per protocol and the very same text goes to every socket of that protocol. */
class LocalDispatcherTest {

    private final SessionRegistry registry = new SessionRegistry(new SessionRegistryTest.CountingBroker());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountingCodec nativeCodec = new CountingCodec(Protocol.NATIVE);
    private final CountingCodec privateChatCodec = new CountingCodec(Protocol.PRIVATE_CHAT);
    private final LocalDispatcher dispatcher =
            new LocalDispatcher(registry, List.of(nativeCodec, privateChatCodec), meters);
    private final List<FakeSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(FakeSocket::close);
    }

    private FakeSocket open(long userId, Protocol protocol) throws Exception {
        var socket = new FakeSocket();
        sockets.add(socket);
        registry.register(socket.connection(userId, protocol, 10_000));
        return socket;
    }

    private double encoded(Protocol protocol) {
        return meters.get("parley.events.encoded")
                .tag("protocol", protocol.name().toLowerCase())
                .counter()
                .count();
    }

    @Test
    void anEventIsEncodedOncePerProtocolAndTheSameTextIsSentToAll() throws Exception {
        List<FakeSocket> natives = List.of(
                open(1, Protocol.NATIVE), open(1, Protocol.NATIVE), open(2, Protocol.NATIVE), open(3, Protocol.NATIVE));
        List<FakeSocket> privateChats = List.of(open(1, Protocol.PRIVATE_CHAT), open(2, Protocol.PRIVATE_CHAT));
        FakeSocket bystander = open(4, Protocol.NATIVE);

        dispatcher.deliver(new PresenceChanged(9, "nine", true), List.of(Topic.user(1), Topic.user(2), Topic.user(3)));

        assertThat(nativeCodec.calls).hasValue(1);
        assertThat(privateChatCodec.calls).hasValue(1);
        assertThat(encoded(Protocol.NATIVE)).isEqualTo(1.0);
        assertThat(encoded(Protocol.PRIVATE_CHAT)).isEqualTo(1.0);
        String nativeFrame = natives.get(0).written.get(0);
        for (FakeSocket socket : natives) {
            assertThat(socket.written).singleElement().isSameAs(nativeFrame);
        }
        String privateFrame = privateChats.get(0).written.get(0);
        assertThat(privateFrame).startsWith("PRIVATE_CHAT");
        for (FakeSocket socket : privateChats) {
            assertThat(socket.written).singleElement().isSameAs(privateFrame);
        }
        assertThat(bystander.written).isEmpty();
    }

    @Test
    void aProtocolThatDoesNotShowAnEventSendsNothingAndEncodesOnce() throws Exception {
        FakeSocket a = open(1, Protocol.PRIVATE_CHAT);
        FakeSocket b = open(2, Protocol.PRIVATE_CHAT);
        privateChatCodec.shows = false;

        dispatcher.deliver(new UserTyping(1, 1, "one", 2), List.of(Topic.user(1), Topic.user(2)));

        assertThat(privateChatCodec.calls).hasValue(1);
        assertThat(a.written).isEmpty();
        assertThat(b.written).isEmpty();
    }

    @Test
    void aFailingCodecNeitherReachesThePublisherNorStopsOtherProtocols() throws Exception {
        FakeSocket broken = open(1, Protocol.PRIVATE_CHAT);
        FakeSocket fine = open(1, Protocol.NATIVE);
        privateChatCodec.fails = true;

        dispatcher.deliver(new PresenceChanged(9, "nine", false), List.of(Topic.user(1)));

        assertThat(broken.written).isEmpty();
        assertThat(fine.written).hasSize(1);
    }

    @Test
    void nobodySubscribedMeansNothingEncoded() {
        dispatcher.deliver(new PresenceChanged(9, "nine", false), List.of(Topic.user(1)));

        assertThat(nativeCodec.calls).hasValue(0);
        assertThat(encoded(Protocol.NATIVE)).isZero();
    }

    private static final class CountingCodec implements EventCodec {
        private final Protocol protocol;
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean shows = true;
        volatile boolean fails;

        CountingCodec(Protocol protocol) {
            this.protocol = protocol;
        }

        @Override
        public Protocol protocol() {
            return protocol;
        }

        @Override
        public String encode(ChatEvent event) {
            calls.incrementAndGet();
            if (fails) {
                throw new IllegalStateException("codec bug");
            }
            return shows ? protocol + " " + event : null;
        }
    }
}
