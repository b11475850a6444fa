package org.parley.chat.realtime;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.parley.chat.user.ChatUser;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

/**
 * Connections whose container session is a stub that completes every send at once, so a JMH benchmark
 * measures Parley's fan-out (dispatch, queueing, the send hand-over) and not a network. It lives in
 * Parley's realtime package because connections are only made there.
 */
public final class StubSockets {

    /** Frames "written" by every stub socket. */
    public static final LongAdder SENT = new LongAdder();

    private StubSockets() {}

    public static ChatConnection connection(ChatUser user, Protocol protocol) {
        var session = new StandardWebSocketSession(
                new HttpHeaders(),
                new HashMap<>(),
                new InetSocketAddress("127.0.0.1", 8080),
                new InetSocketAddress("127.0.0.1", 40000));
        session.initializeNativeSession(stubSession());
        return new ChatConnection(session, user, protocol, 1 << 20, 10_000, Runnable::run);
    }

    private static Session stubSession() {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                StubSockets.class.getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, args) -> {
                    if (m.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler h) {
                        SENT.increment();
                        h.onResult(new SendResult());
                    }
                    return defaultValue(m.getReturnType());
                });
        Map<String, Object> properties = new HashMap<>();
        return (Session) Proxy.newProxyInstance(
                StubSockets.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getAsyncRemote" -> async;
                    case "getUserProperties" -> properties;
                    case "isOpen" -> true;
                    case "getId" -> "stub";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> defaultValue(m.getReturnType());
                });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
