package org.parley.chat.realtime;

import java.util.List;
import java.util.concurrent.Executor;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketSession;

/**
 * Opens and closes chat connections for every protocol's handler, so registration, presence and logging
 * happen the same way whichever endpoint a client used.
 */
public class ChatSockets {

    private static final Logger log = LoggerFactory.getLogger(ChatSockets.class);
    private static final String CONNECTION = ChatSockets.class.getName() + ".connection";

    private final SessionRegistry registry;
    private final PresenceService presence;
    private final ChatBroker broker;
    private final ParleyProperties.WebSocket settings;
    private final Executor closer;
    private final List<SubscriptionPolicy> policies;

    public ChatSockets(
            SessionRegistry registry,
            PresenceService presence,
            ChatBroker broker,
            ParleyProperties properties,
            Executor closer) {
        this(registry, presence, broker, properties, closer, List.of());
    }

    public ChatSockets(
            SessionRegistry registry,
            PresenceService presence,
            ChatBroker broker,
            ParleyProperties properties,
            Executor closer,
            List<SubscriptionPolicy> policies) {
        this.registry = registry;
        this.presence = presence;
        this.broker = broker;
        this.settings = properties.websocket();
        this.closer = closer;
        this.policies = policies;
    }

    /** Registers a newly opened socket of {@code user} and announces the user online if it is the first. */
    public ChatConnection open(WebSocketSession session, ChatUser user, Protocol protocol) {
        var connection = new ChatConnection(
                session,
                user,
                protocol,
                settings.outboundBufferSize().toBytes(),
                settings.sendTimeLimit().toMillis(),
                closer);
        session.getAttributes().put(CONNECTION, connection);
        registry.register(connection);
        for (SubscriptionPolicy policy : policies) {
            policy.opened(connection);
        }
        log.info(
                "User {} opened {} socket {} from {}",
                user.username(),
                protocol,
                connection.id(),
                session.getRemoteAddress());
        presence.connected(user, connection.id());
        return connection;
    }

    /** The connection opened for {@code session}, or null if it was refused before registering. */
    public ChatConnection of(WebSocketSession session) {
        return (ChatConnection) session.getAttributes().get(CONNECTION);
    }

    /**
     * Whether what this node publishes now reaches only its own sockets (the broker lost the other nodes):
     * handlers tell a sender so, since the message is stored but others see it only after they catch up.
     */
    public boolean deliveryDegraded() {
        return !broker.connected();
    }

    /** Unregisters a closed socket; announces the user offline if it was their last, however it closed. */
    public void closed(WebSocketSession session, int code) {
        ChatConnection connection = of(session);
        if (connection == null || !registry.unregister(connection)) {
            return;
        }
        log.info(
                "User {} closed {} socket {} ({})",
                connection.user().username(),
                connection.protocol(),
                connection.id(),
                code);
        try {
            presence.disconnected(connection.user(), connection.id());
        } catch (RuntimeException e) {
            // The close itself is done; the announcement may fail (the database is going away at shutdown).
            // Nothing may escape into the container's close path.
            log.warn("Announcing {} offline failed: {}", connection.user().username(), e.toString());
        }
    }
}
