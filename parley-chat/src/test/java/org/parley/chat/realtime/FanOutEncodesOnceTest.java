package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.InMemoryChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.RoomMessageCreated;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fan-out regression guard of docs/performance.md: one event to a big room costs one encoding per
 * protocol, and every socket of a protocol is handed the very same text. Counts encodings, not time.
 */
class FanOutEncodesOnceTest {

    private final List<String> written = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aRoomMessageToManySocketsOfTwoProtocolsIsEncodedOncePerProtocol() {
        var meters = new SimpleMeterRegistry();
        var json = JsonMapper.builder().build();
        var clock = new ChatClock(new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("parley", ParleyProperties.class));
        var registry = new SessionRegistry(new InMemoryChatBroker());
        var dispatcher = new LocalDispatcher(
                registry, List.of(new NativeEventCodec(json, clock), new MultichatEventCodec(json, true)), meters);
        Topic room = Topic.room(7);
        for (int i = 0; i < 300; i++) {
            var user = new ChatUser(i + 1, "user" + i, "user" + i, false);
            var connection = connection(user, i % 3 == 0 ? Protocol.MULTICHAT : Protocol.NATIVE);
            registry.register(connection);
            registry.subscribe(connection, room);
        }

        dispatcher.deliver(new RoomMessageCreated(1, 7, 1, "user0", "hello room", Instant.now(), null), List.of(room));

        assertThat(encoded(meters, "native")).isEqualTo(1);
        assertThat(encoded(meters, "multichat")).isEqualTo(1);
        assertThat(written).hasSize(300);
        Set<String> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(written);
        assertThat(distinct).as("one shared String per protocol").hasSize(2);
    }

    private static double encoded(SimpleMeterRegistry meters, String protocol) {
        return meters.get("parley.events.encoded")
                .tag("protocol", protocol)
                .counter()
                .count();
    }

    /** A connection whose container session records each frame and completes the send at once. */
    private ChatConnection connection(ChatUser user, Protocol protocol) {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, args) -> {
                    if (m.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler h) {
                        written.add((String) args[0]);
                        h.onResult(new SendResult());
                    }
                    return null;
                });
        Map<String, Object> properties = new HashMap<>();
        Session endpoint = (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Session.class}, (p, m, args) -> switch (m.getName()) {
                    case "getAsyncRemote" -> async;
                    case "getUserProperties" -> properties;
                    case "isOpen" -> true;
                    case "getId" -> user.username();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> null;
                });
        var session = new StandardWebSocketSession(
                new HttpHeaders(),
                new HashMap<>(),
                new InetSocketAddress("127.0.0.1", 8080),
                new InetSocketAddress("127.0.0.1", 40000));
        session.initializeNativeSession(endpoint);
        return new ChatConnection(session, user, protocol, 1 << 20, 10_000, Runnable::run);
    }
}
