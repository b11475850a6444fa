package org.parley.chat.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.ChatTokensRevoked;
import org.parley.chat.event.DeliveryChanged;
import org.parley.chat.event.DialogCreated;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.event.MessageRead;
import org.parley.chat.event.MessageRemoved;
import org.parley.chat.event.MessageRestored;
import org.parley.chat.event.PresenceChanged;
import org.parley.chat.event.RoomChanged;
import org.parley.chat.event.RoomCreated;
import org.parley.chat.event.RoomDeleted;
import org.parley.chat.event.RoomMemberJoined;
import org.parley.chat.event.RoomMemberLeft;
import org.parley.chat.event.RoomMessageCreated;
import org.parley.chat.event.RoomMessageRemoved;
import org.parley.chat.event.RoomMessageRestored;
import org.parley.chat.event.RoomNotice;
import org.parley.chat.event.RoomPresenceChanged;
import org.parley.chat.event.UserChanged;
import org.parley.chat.event.UserDeactivated;
import org.parley.chat.event.UserTyping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events as the JSON that travels between nodes over Redis: an envelope with the publishing node, its
 * sequence number, the topics and a stable type name, around the event record's own fields, e.g.
 * {@code {"s":17,"n":"web-1-3f2a","t":["user:1","user:2"],"k":"message-created","e":{...}}}.
 *
 * <p>Adding a {@link ChatEvent} type: add one line to {@link #WIRE_NAMES}. The name is part of the format
 * between nodes of different versions during a rolling deploy, so never rename one. A subtype without a
 * name makes the constructor (and so start-up and the tests) fail. Unknown fields are ignored, so a
 * newer node may add record components.
 */
final class RedisEventCodec {

    /** The stable name of each event type on the wire. */
    static final Map<Class<? extends ChatEvent>, String> WIRE_NAMES = wireNames();

    private static Map<Class<? extends ChatEvent>, String> wireNames() {
        Map<Class<? extends ChatEvent>, String> names = new LinkedHashMap<>();
        names.put(MessageCreated.class, "message-created");
        names.put(MessageRead.class, "message-read");
        names.put(MessageRemoved.class, "message-removed");
        names.put(ChatTokensRevoked.class, "chat-tokens-revoked");
        names.put(MessageRestored.class, "message-restored");
        names.put(UserTyping.class, "user-typing");
        names.put(PresenceChanged.class, "presence-changed");
        names.put(DialogCreated.class, "dialog-created");
        names.put(DeliveryChanged.class, "delivery-changed");
        names.put(RoomCreated.class, "room-created");
        names.put(RoomChanged.class, "room-changed");
        names.put(RoomDeleted.class, "room-deleted");
        names.put(RoomMemberJoined.class, "room-member-joined");
        names.put(RoomMemberLeft.class, "room-member-left");
        names.put(RoomPresenceChanged.class, "room-presence-changed");
        names.put(RoomMessageCreated.class, "room-message-created");
        names.put(RoomMessageRemoved.class, "room-message-removed");
        names.put(RoomMessageRestored.class, "room-message-restored");
        names.put(RoomNotice.class, "room-notice");
        names.put(UserDeactivated.class, "user-deactivated");
        names.put(UserChanged.class, "user-changed");
        return Map.copyOf(names);
    }

    /** What a node received: the event and where it was published, with the publisher's identity. */
    record Envelope(String node, long seq, List<Topic> topics, ChatEvent event) {}

    private final JsonMapper json = JsonMapper.builder()
            // A newer node may send fields this one does not know yet (rolling deploys).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Map<String, Class<? extends ChatEvent>> typesByName = new HashMap<>();

    RedisEventCodec() {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : concreteEventTypes()) {
            String name = WIRE_NAMES.get(type);
            if (name == null) {
                missing.add(type.getName());
            } else {
                typesByName.put(name, type.asSubclass(ChatEvent.class));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("ChatEvent types without a Redis wire name: " + missing
                    + ". Add each to RedisEventCodec.WIRE_NAMES, or events of that type never cross nodes.");
        }
    }

    /** Every concrete type the sealed {@link ChatEvent} permits, including through sealed sub-interfaces. */
    static List<Class<?>> concreteEventTypes() {
        List<Class<?>> types = new ArrayList<>();
        collect(ChatEvent.class, types);
        return types;
    }

    private static void collect(Class<?> type, List<Class<?>> into) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, into);
            }
        } else {
            into.add(type);
        }
    }

    /**
     * Everything of the envelope but the sequence number, which the publisher adds under its lock with
     * {@link #withSeq}: encoding happens once per publish, outside that lock.
     */
    String encodeWithoutSeq(String node, ChatEvent event, Collection<Topic> topics) {
        String name = WIRE_NAMES.get(event.getClass());
        if (name == null) {
            throw new IllegalArgumentException("No Redis wire name for " + event.getClass());
        }
        ObjectNode envelope = json.createObjectNode().put("n", node);
        ArrayNode to = envelope.putArray("t");
        for (Topic topic : topics) {
            to.add(topic.channel());
        }
        envelope.put("k", name);
        envelope.set("e", json.valueToTree(event));
        String text = json.writeValueAsString(envelope);
        return text.substring(1); // without "{": withSeq puts the sequence number first
    }

    String withSeq(long seq, String withoutSeq) {
        return "{\"s\":" + seq + "," + withoutSeq;
    }

    String encode(String node, long seq, ChatEvent event, Collection<Topic> topics) {
        return withSeq(seq, encodeWithoutSeq(node, event, topics));
    }

    /** The envelope in {@code payload}; IllegalArgumentException if it is not one this node understands. */
    Envelope decode(String payload) {
        JsonNode root = json.readTree(payload);
        Class<? extends ChatEvent> type = typesByName.get(root.path("k").asString(""));
        if (type == null) {
            throw new IllegalArgumentException(
                    "Unknown event type '" + root.path("k").asString("") + "'");
        }
        List<Topic> topics = new ArrayList<>();
        for (JsonNode channel : root.path("t")) {
            topics.add(topic(channel.asString()));
        }
        ChatEvent event = json.treeToValue(root.path("e"), type);
        return new Envelope(root.path("n").asString(""), root.path("s").asLong(), topics, event);
    }

    static Topic topic(String channel) {
        int colon = channel.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Not a topic: " + channel);
        }
        Topic.Kind kind = Topic.Kind.valueOf(channel.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
        return new Topic(kind, Long.parseLong(channel.substring(colon + 1)));
    }
}
