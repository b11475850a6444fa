package org.parley.chat.privatechat;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.DialogCreated;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.event.MessageRead;
import org.parley.chat.event.PresenceChanged;
import org.parley.chat.event.UserTyping;
import org.parley.chat.realtime.ChatConnection;
import org.parley.chat.realtime.EventCodec;
import org.parley.chat.realtime.Protocol;
import org.parley.chat.system.ChatClock;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events as django-private-chat's frames, with its field names and types (docs/protocol.md). Every
 * username and text is HTML-escaped because the original page inserts them as raw HTML. No frame ever
 * carries a session key.
 *
 * <p>{@link #wants} reproduces the original's routing, where each socket belongs to one dialog (its
 * opponent in the URL): a message goes to the sender's sockets for that dialog and to every socket of the
 * recipient (the other dialogs' pages flash the sender's button); typing and read receipts only to the
 * dialog's own sockets; {@code gone-online} only to sockets whose opponent went online, because the
 * original page shows its opponent offline on any {@code gone-online} that does not list them.
 */
public class PrivateChatEventCodec implements EventCodec {

    private final JsonMapper json;
    private final ChatClock clock;

    public PrivateChatEventCodec(JsonMapper json, ChatClock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Protocol protocol() {
        return Protocol.PRIVATE_CHAT;
    }

    @Override
    public boolean wants(ChatConnection connection, ChatEvent event) {
        PrivateChatTicket ticket = PrivateChatTicket.of(connection);
        if (ticket == null) {
            return false;
        }
        long me = connection.user().id();
        // Java 17: no pattern matching for switch yet, so an instanceof chain over the sealed types.
        if (event instanceof MessageCreated m) {
            return me == m.recipientId() || (me == m.senderId() && ticket.hasOpponent(m.recipientId()));
        } else if (event instanceof UserTyping t) {
            return me == t.recipientId() && ticket.hasOpponent(t.typistId());
        } else if (event instanceof MessageRead r) {
            // A read also reaches the reader's topic (for the native pages' unread counts). The original page
            // has no counts, and its handler takes any opponent-read-message naming its opponent as "they
            // read my message", so the reader's own sockets get nothing.
            return me == r.senderId() && ticket.hasOpponent(r.readerId());
        } else if (event instanceof PresenceChanged p) {
            return !p.online() || ticket.hasOpponent(p.userId());
        } else if (event instanceof DialogCreated) {
            return true;
        }
        return false;
    }

    @Override
    public String encode(ChatEvent event) {
        ObjectNode frame = json.createObjectNode();
        if (event instanceof MessageCreated m) {
            frame.put("type", "new-message")
                    .put("username", htmlEscape(m.recipientUsername()))
                    .put("message", htmlEscape(m.text()))
                    .put("created", htmlEscape(clock.format(m.created())))
                    .put("sender_name", htmlEscape(m.senderUsername()))
                    .put("message_id", m.messageId());
        } else if (event instanceof UserTyping t) {
            // The original sent the recipient's own name here; the page needs the typist's.
            frame.put("type", "opponent-typing").put("username", htmlEscape(t.typistUsername()));
        } else if (event instanceof MessageRead r) {
            frame.put("type", "opponent-read-message")
                    .put("username", htmlEscape(r.readerUsername()))
                    .put("message_id", r.messageId());
        } else if (event instanceof PresenceChanged p) {
            if (p.online()) {
                frame.put("type", "gone-online").putArray("usernames").add(htmlEscape(p.username()));
            } else {
                frame.put("type", "gone-offline").put("username", htmlEscape(p.username()));
            }
        } else if (event instanceof DialogCreated d) {
            // The original page has a no-op handler for it; Parley's own page adds the dialog's button.
            frame.put("type", "new-dialog")
                    .put("owner", htmlEscape(d.ownerUsername()))
                    .put("opponent", htmlEscape(d.opponentUsername()));
        } else {
            // Nothing else has a frame in the original, e.g. staff removing or restoring a message: its page
            // logs unknown types as errors, and an old message sent as new-message would be appended as new.
            return null;
        }
        return json.writeValueAsString(frame);
    }
}
