package org.parley.chat.realtime;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.chat.user.ChatUser;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * A container socket for unit tests that behaves like Tomcat's asynchronous send: one frame in flight at
 * a time (a second concurrent send is recorded as a violation), completed either inline on the sending
 * thread or later on another thread, at random. It can stall (a client that stopped reading) and fail.
 */
final class FakeSocket implements AutoCloseable {

    final NativeWebSocketSession session = mock(NativeWebSocketSession.class);
    final Session endpoint = mock(Session.class);
    final RemoteEndpoint.Async async = mock(RemoteEndpoint.Async.class);
    final RemoteEndpoint.Basic basic = mock(RemoteEndpoint.Basic.class);
    final List<String> written = Collections.synchronizedList(new ArrayList<>());
    final List<CloseStatus> closes = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger violations = new AtomicInteger();
    final List<SendHandler> stalled = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService completer = Executors.newFixedThreadPool(2);
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, Object> userProperties = new ConcurrentHashMap<>();
    volatile boolean stall;
    volatile Throwable failWith;
    private volatile boolean open = true;

    FakeSocket() throws Exception {
        when(session.getNativeSession(Session.class)).thenReturn(endpoint);
        when(session.getAttributes()).thenReturn(attributes);
        when(session.isOpen()).thenAnswer(i -> open);
        doAnswer(i -> {
                    closes.add(i.getArgument(0));
                    open = false;
                    return null;
                })
                .when(session)
                .close(any(CloseStatus.class));
        when(endpoint.getAsyncRemote()).thenReturn(async);
        when(endpoint.getBasicRemote()).thenReturn(basic);
        when(endpoint.getUserProperties()).thenReturn(userProperties);
        doAnswer(i -> {
                    send(i.getArgument(0), i.getArgument(1));
                    return null;
                })
                .when(async)
                .sendText(anyString(), any(SendHandler.class));
    }

    private void send(String text, SendHandler handler) {
        if (inFlight.incrementAndGet() > 1) {
            violations.incrementAndGet();
        }
        written.add(text);
        if (stall) {
            stalled.add(handler);
            return;
        }
        Runnable complete = () -> {
            // Like Tomcat: the endpoint is ready for the next frame before the handler is called.
            inFlight.decrementAndGet();
            Throwable failure = failWith;
            handler.onResult(failure == null ? new SendResult(endpoint) : new SendResult(endpoint, failure));
        };
        if (ThreadLocalRandom.current().nextBoolean()) {
            complete.run();
        } else {
            completer.execute(complete);
        }
    }

    ChatConnection connection(long userId, Protocol protocol, long maxQueuedChars) {
        return new ChatConnection(
                session,
                new ChatUser(userId, "user" + userId, "User " + userId, false),
                protocol,
                maxQueuedChars,
                1000,
                Runnable::run);
    }

    Object userProperty(String name) {
        return userProperties.get(name);
    }

    @Override
    public void close() {
        completer.shutdownNow();
    }
}
