package org.parley.chat.realtime;

import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.DeliveryChanged;
import org.parley.chat.event.DialogCreated;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.event.MessageRead;
import org.parley.chat.event.MessageRemoved;
import org.parley.chat.event.PresenceChanged;
import org.parley.chat.event.UserTyping;
import org.parley.chat.message.ChatMessage;
import org.parley.chat.system.ChatClock;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Events as Parley's native frames (docs/protocol.md). Text is sent raw; the native client escapes it. */
public class NativeEventCodec implements EventCodec {

    private final JsonMapper json;
    private final ChatClock clock;

    public NativeEventCodec(JsonMapper json, ChatClock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Protocol protocol() {
        return Protocol.NATIVE;
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
            frame = json.createObjectNode()
                    .put("type", "message-removed")
                    .put("message_id", r.messageId())
                    .put("dialog_id", r.dialogId())
                    .put("removed", r.removed());
        } else if (event instanceof DeliveryChanged d) {
            frame = json.createObjectNode().put("type", "delivery").put("degraded", d.degraded());
        } else {
            return null;
        }
        return json.writeValueAsString(frame);
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
