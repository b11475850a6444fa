package org.parley.chat.realtime;

import java.io.IOException;
import java.security.Principal;
import java.util.concurrent.CompletionStage;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.Futures;
import org.parley.chat.support.TokenBuckets;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every protocol's handler does alike: each text frame is counted against the user's frame budget,
 * parsed and handed to {@link #handle}; a refusal or a failure is answered to that socket alone in the
 * protocol's own shape ({@link #refusal}) and the socket stays open; binary frames are refused. Pongs keep a
 * socket alive, transport errors are only logged (the close that follows is what counts), and a close of any
 * kind goes through {@link ChatSockets} so presence and the registry are updated the same way for all
 * protocols.
 */
public abstract class ChatSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);

    protected final ChatSockets sockets;
    protected final JsonMapper json;
    private final TokenBuckets frameGuard;

    protected ChatSocketHandler(ChatSockets sockets, JsonMapper json, TokenBuckets frameGuard) {
        this.sockets = sockets;
        this.json = json;
        this.frameGuard = frameGuard;
    }

    /**
     * Carries out one parsed frame; a {@link ChatException} refuses it. Returns null when the frame is done,
     * or what completes when it is (a message being stored); a failure of that is answered like a throw.
     */
    protected abstract CompletionStage<?> handle(ChatConnection connection, InboundFrame frame);

    /**
     * The answer, in this protocol's shape, to a frame refused with {@code e} (or that failed: then
     * {@code e} is UNAVAILABLE or INTERNAL_ERROR). {@code frame} is null when the frame was refused before it
     * could be parsed: over the frame budget, not JSON, or binary.
     */
    protected abstract String refusal(ChatConnection connection, InboundFrame frame, ChatException e);

    /** The refusal of a frame over the user's budget ({@code parley.rate-limit.frames-per-second}). */
    protected ChatException tooManyFrames() {
        return new ChatException(ErrorCode.RATE_LIMITED, "Too many frames; slow down.");
    }

    /**
     * The user the handshake authenticated, if the directory still knows them; otherwise the socket is closed
     * (1008, "login required") and this is null.
     */
    protected static ChatUser loggedInUser(WebSocketSession session, ChatUserDirectory users) throws IOException {
        Principal principal = session.getPrincipal();
        ChatUser user = principal == null
                ? null
                : users.findByUsername(principal.getName()).orElse(null);
        if (user == null) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("login required"));
        }
        return user;
    }

    @Override
    protected final void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatConnection connection = sockets.of(session);
        if (connection == null) {
            return;
        }
        connection.heardFrame();
        InboundFrame frame = null;
        CompletionStage<?> pending;
        try {
            if (!frameGuard.tryAcquire(connection.user().id())) {
                throw tooManyFrames();
            }
            frame = InboundFrame.parse(json, message.getPayload());
            pending = handle(connection, frame);
        } catch (RuntimeException e) {
            answer(connection, frame, e);
            return;
        }
        if (pending != null) {
            InboundFrame parsed = frame;
            CompletionStage<?> answered = pending.whenComplete((done, failure) -> {
                if (failure != null) {
                    answer(connection, parsed, Futures.cause(failure));
                }
            });
            if (session instanceof AsyncFrames frames) {
                frames.finishWhen(answered);
            } else {
                // The container hands this socket its next frame when this method returns: wait here.
                answered.toCompletableFuture()
                        .exceptionally(answeredAbove -> null)
                        .join();
            }
        }
    }

    /** Answers a refused or failed frame to its socket alone; failures are logged, never shown. */
    private void answer(ChatConnection connection, InboundFrame frame, Throwable failure) {
        if (failure instanceof ChatException e) {
            connection.send(refusal(connection, frame, e));
        } else if (failure instanceof DataAccessException e) {
            log.error("Database failure handling a frame from {}: {}", connection, e.toString());
            connection.send(refusal(
                    connection,
                    frame,
                    new ChatException(ErrorCode.UNAVAILABLE, "The chat is unavailable right now; try again.")));
        } else {
            log.error("Failure handling a frame from {}", connection, failure);
            connection.send(refusal(
                    connection,
                    frame,
                    new ChatException(ErrorCode.INTERNAL_ERROR, "Something went wrong on the server.")));
        }
    }

    @Override
    protected final void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ChatConnection connection = sockets.of(session);
        if (connection != null) {
            connection.heard();
            connection.send(refusal(
                    connection,
                    null,
                    new ChatException(ErrorCode.BINARY_NOT_SUPPORTED, "Send JSON text frames, not binary ones.")));
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        ChatConnection connection = sockets.of(session);
        if (connection != null) {
            connection.heard();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on {}: {}", sockets.of(session), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sockets.closed(session, status.getCode());
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }
}
