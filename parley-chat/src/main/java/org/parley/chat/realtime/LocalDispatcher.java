package org.parley.chat.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.ChatTokensRevoked;
import org.parley.chat.event.DeliveryChanged;
import org.parley.chat.event.UserDeactivated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the events that reach this node to the local sockets subscribed to their topics. Each event is
 * encoded at most once per protocol and the same {@link OutboundFrame} goes to every socket of that protocol
 * (on the chat port, the same bytes); sending only queues, so a slow socket never holds up the others.
 */
public class LocalDispatcher implements ChatBroker.LocalDelivery {

    private static final Logger log = LoggerFactory.getLogger(LocalDispatcher.class);
    private static final OutboundFrame NOT_SHOWN = new OutboundFrame("not shown");

    private final SessionRegistry registry;
    private final Map<Protocol, EventCodec> codecs = new EnumMap<>(Protocol.class);
    private final Map<Protocol, Counter> encodings = new EnumMap<>(Protocol.class);
    private final List<SubscriptionPolicy> policies;

    public LocalDispatcher(SessionRegistry registry, List<EventCodec> codecs, MeterRegistry meters) {
        this(registry, codecs, meters, List.of());
    }

    public LocalDispatcher(
            SessionRegistry registry,
            List<EventCodec> codecs,
            MeterRegistry meters,
            List<SubscriptionPolicy> policies) {
        this.registry = registry;
        this.policies = policies;
        for (EventCodec codec : codecs) {
            this.codecs.put(codec.protocol(), codec);
            encodings.put(
                    codec.protocol(),
                    Counter.builder("parley.events.encoded")
                            .description("Events encoded into frame text, per protocol")
                            .tag("protocol", codec.protocol().name().toLowerCase())
                            .register(meters));
        }
    }

    @Override
    public void deliver(ChatEvent event, Collection<Topic> topics) {
        // Targets first: an event that ends subscriptions (a room deleted) still reaches their sockets.
        List<ChatConnection> targets = registry.subscribersOf(topics);
        for (SubscriptionPolicy policy : policies) {
            try {
                policy.reached(event, topics);
            } catch (RuntimeException e) {
                log.error("Subscription update for {} failed", event.getClass().getSimpleName(), e);
            }
        }
        send(event, targets);
    }

    /** Tells every local socket that delivery from other nodes stopped or resumed. */
    @Override
    public void linkChanged(boolean up) {
        for (SubscriptionPolicy policy : policies) {
            try {
                policy.linkChanged(up);
            } catch (RuntimeException e) {
                log.error("Link change handling failed", e);
            }
        }
        send(new DeliveryChanged(!up), registry.all());
    }

    private void send(ChatEvent event, List<ChatConnection> targets) {
        if (targets.isEmpty()) {
            return;
        }
        if (event instanceof UserDeactivated) {
            // Not a frame but an order: the user may no longer be connected anywhere.
            for (ChatConnection connection : targets) {
                connection.closeLater(CloseReason.ACCOUNT_DISABLED.status(), "account deactivated");
            }
            return;
        }
        if (event instanceof ChatTokensRevoked revoked) {
            // An order too: a socket must not outlive the token it was opened with.
            for (ChatConnection connection : targets) {
                if (revoked.tokenHashes().contains(connection.attribute(ChatConnection.TOKEN_HASH))) {
                    connection.closeLater(CloseReason.LOGGED_OUT.status(), "chat token revoked");
                }
            }
            return;
        }
        Map<Object, OutboundFrame> frames = new HashMap<>();
        for (ChatConnection connection : targets) {
            try {
                EventCodec codec = codecs.get(connection.protocol());
                if (codec == null || !codec.wants(connection, event)) {
                    continue;
                }
                Object variant = codec.variant(connection, event);
                Object key = variant == null ? connection.protocol() : List.of(connection.protocol(), variant);
                OutboundFrame frame = frames.computeIfAbsent(key, k -> encode(codec, event, connection));
                if (frame != NOT_SHOWN) {
                    connection.send(frame);
                }
            } catch (RuntimeException e) {
                // The event's write is committed: a failure here must neither reach the publisher (whose
                // client would retry and store twice) nor stop delivery to the other sockets.
                log.error("Delivering {} to {} failed", event.getClass().getSimpleName(), connection, e);
            }
        }
    }

    private OutboundFrame encode(EventCodec codec, ChatEvent event, ChatConnection connection) {
        encodings.get(codec.protocol()).increment();
        try {
            String frame = codec.encode(event, connection);
            return frame == null ? NOT_SHOWN : new OutboundFrame(frame);
        } catch (RuntimeException e) {
            log.error("Encoding {} for {} failed", event.getClass().getSimpleName(), codec.protocol(), e);
            return NOT_SHOWN;
        }
    }
}
