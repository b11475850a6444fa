package org.parley.chat.realtime;

import org.parley.chat.event.ChatEvent;
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
import org.parley.chat.event.UserTyping;
import org.parley.chat.message.ChatMessage;
import org.parley.chat.message.RoomMessage;
import org.parley.chat.system.ChatClock;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Events as Parley's native frames (docs/protocol.md). Text is sent raw; the native client escapes it. */
public class NativeEventCodec implements EventCodec {

    /** The {@link #variant} of the reader's own sockets for a {@link MessageRead}. */
    private static final String OWN_READ = "own-read";

    private final JsonMapper json;
    private final ChatClock clock;
    private final boolean notifyEnterLeave;

    public NativeEventCodec(JsonMapper json, ChatClock clock) {
        this(json, clock, true);
    }

    /**
     * @param notifyEnterLeave the {@code parley.rooms.notify-enter-leave} setting, passed on to clients as
     *     the {@code notice} flag of member and presence frames (they still need those to list members)
     */
    public NativeEventCodec(JsonMapper json, ChatClock clock, boolean notifyEnterLeave) {
        this.json = json;
        this.clock = clock;
        this.notifyEnterLeave = notifyEnterLeave;
    }

    @Override
    public Protocol protocol() {
        return Protocol.NATIVE;
    }

    /**
     * A read goes to both users: the sender's sockets get the receipt ({@code opponent-read-message}), the
     * reader's own sockets {@code message-read}, so its other tabs lower their unread counts. Two variants,
     * each encoded once.
     */
    @Override
    public Object variant(ChatConnection connection, ChatEvent event) {
        return isOwnRead(connection, event) ? OWN_READ : null;
    }

    @Override
    public String encode(ChatEvent event, ChatConnection connection) {
        if (!isOwnRead(connection, event)) {
            return encode(event);
        }
        MessageRead r = (MessageRead) event;
        return json.writeValueAsString(json.createObjectNode()
                .put("type", "message-read")
                .put("message_id", r.messageId())
                .put("dialog_id", r.dialogId()));
    }

    private static boolean isOwnRead(ChatConnection connection, ChatEvent event) {
        return connection != null
                && event instanceof MessageRead r
                && r.readerId() == connection.user().id();
    }

    @Override
    public String encode(ChatEvent event) {
        // Java 17: no pattern matching for switch yet, so an instanceof chain over the sealed types.
        ObjectNode frame;
        if (event instanceof MessageCreated m) {
            frame = newMessage(m);
        } else if (event instanceof MessageRead r) {
            frame = json.createObjectNode()
                    .put("type", "opponent-read-message")
                    .put("username", r.readerUsername())
                    .put("message_id", r.messageId())
                    .put("dialog_id", r.dialogId());
        } else if (event instanceof UserTyping t) {
            frame = json.createObjectNode()
                    .put("type", "opponent-typing")
                    .put("username", t.typistUsername())
                    .put("dialog_id", t.dialogId());
        } else if (event instanceof PresenceChanged p) {
            frame = presence(p);
        } else if (event instanceof DialogCreated d) {
            frame = json.createObjectNode()
                    .put("type", "new-dialog")
                    .put("dialog_id", d.dialogId())
                    .put("owner", d.ownerUsername())
                    .put("opponent", d.opponentUsername());
        } else if (event instanceof MessageRemoved r) {
            // "removed" is always true now (restoring has its own frame); kept for clients that read it.
            frame = json.createObjectNode()
                    .put("type", "message-removed")
                    .put("message_id", r.messageId())
                    .put("dialog_id", r.dialogId())
                    .put("removed", true);
        } else if (event instanceof MessageRestored r) {
            frame = json.createObjectNode().put("type", "message-restored");
            frame.setAll(message(new ChatMessage(
                    r.messageId(), r.dialogId(), r.senderId(), r.senderUsername(), r.text(), r.read(), r.created())));
        } else if (event instanceof DeliveryChanged d) {
            frame = json.createObjectNode().put("type", "delivery").put("degraded", d.degraded());
        } else {
            frame = roomFrame(event);
            if (frame == null) {
                return null;
            }
        }
        return json.writeValueAsString(frame);
    }

    /** Room events (docs/protocol.md, "Rooms"), or null for anything else. */
    private ObjectNode roomFrame(ChatEvent event) {
        if (event instanceof RoomMessageCreated m) {
            ObjectNode frame =
                    roomMessage("room-message", m.messageId(), m.roomId(), m.senderUsername(), m.text(), m.created());
            if (m.clientId() != null) {
                frame.put("client_id", m.clientId());
            }
            return frame;
        } else if (event instanceof RoomMemberJoined j) {
            return member("room-member-joined", j.roomId(), j.username());
        } else if (event instanceof RoomMemberLeft l) {
            return member("room-member-left", l.roomId(), l.username());
        } else if (event instanceof RoomPresenceChanged p) {
            return member("room-presence", p.roomId(), p.username()).put("online", p.online());
        } else if (event instanceof RoomNotice n) {
            return json.createObjectNode()
                    .put("type", "room-notice")
                    .put("room_id", n.roomId())
                    .put("level", n.level())
                    .put("username", n.username())
                    .put("message", n.text());
        } else if (event instanceof RoomMessageRemoved r) {
            return json.createObjectNode()
                    .put("type", "room-message-removed")
                    .put("room_id", r.roomId())
                    .put("message_id", r.messageId())
                    .put("removed", true);
        } else if (event instanceof RoomMessageRestored r) {
            return roomMessage(
                    "room-message-restored", r.messageId(), r.roomId(), r.senderUsername(), r.text(), r.created());
        } else if (event instanceof RoomCreated c) {
            return room("room-created", c.roomId(), c.title(), c.slug(), c.staffOnly());
        } else if (event instanceof RoomChanged c) {
            return room("room-changed", c.roomId(), c.title(), c.slug(), c.staffOnly());
        } else if (event instanceof RoomDeleted d) {
            return json.createObjectNode().put("type", "room-deleted").put("room_id", d.roomId());
        }
        return null;
    }

    private ObjectNode member(String type, long roomId, String username) {
        return json.createObjectNode()
                .put("type", type)
                .put("room_id", roomId)
                .put("username", username)
                .put("notice", notifyEnterLeave);
    }

    /** A room as the room list shows it (also the shape of the {@code rooms} reply's entries). */
    public ObjectNode room(String type, long roomId, String title, String slug, boolean staffOnly) {
        ObjectNode frame = json.createObjectNode();
        if (type != null) {
            frame.put("type", type);
        }
        return frame.put("room_id", roomId)
                .put("title", title)
                .put("slug", slug)
                .put("staff_only", staffOnly);
    }

    /** A stored room message in the same shape as a {@code room-message} frame, for history pages. */
    public ObjectNode roomMessage(RoomMessage m) {
        return roomMessage(null, m.id(), m.roomId(), m.senderUsername(), m.text(), m.created());
    }

    private ObjectNode roomMessage(
            String type, long messageId, long roomId, String sender, String text, java.time.Instant created) {
        ObjectNode frame = json.createObjectNode();
        if (type != null) {
            frame.put("type", type);
        }
        return frame.put("room_id", roomId)
                .put("message_id", messageId)
                .put("sender_name", sender)
                .put("message", text)
                .put("created", clock.format(created))
                .put("timestamp", created.toString());
    }

    private ObjectNode presence(PresenceChanged p) {
        ObjectNode frame = json.createObjectNode();
        if (p.online()) {
            frame.put("type", "gone-online").putArray("usernames").add(p.username());
        } else {
            frame.put("type", "gone-offline").put("username", p.username());
        }
        return frame;
    }

    private ObjectNode newMessage(MessageCreated m) {
        ObjectNode frame = json.createObjectNode().put("type", "new-message");
        frame.put("message_id", m.messageId())
                .put("dialog_id", m.dialogId())
                .put("sender_name", m.senderUsername())
                .put("username", m.recipientUsername())
                .put("message", m.text())
                .put("created", clock.format(m.created()))
                .put("timestamp", m.created().toString())
                .put("read", false);
        if (m.clientId() != null) {
            frame.put("client_id", m.clientId());
        }
        return frame;
    }

    /** A stored message in the same shape as a {@code new-message} frame, for history pages. */
    public ObjectNode message(ChatMessage m) {
        return json.createObjectNode()
                .put("message_id", m.id())
                .put("dialog_id", m.dialogId())
                .put("sender_name", m.senderUsername())
                .put("message", m.text())
                .put("created", clock.format(m.created()))
                .put("timestamp", m.created().toString())
                .put("read", m.read());
    }
}
