package org.parley.chat.realtime;

import java.util.Map;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.RoomDeleted;
import org.parley.chat.event.RoomMemberJoined;
import org.parley.chat.event.RoomMemberLeft;
import org.parley.chat.event.RoomMessageCreated;
import org.parley.chat.event.RoomNotice;
import org.parley.chat.event.RoomPresenceChanged;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events as the Channels multichat client's frames (docs/protocol.md, "Multichat"):
 * {@code {"msg_type":N,"room":"1","username":…,"message":…}} for messages (0), notices (1-3), enters (4) and
 * leaves (5), and {@code {"leave":"1"}} when a room is deleted. Usernames, text and titles are HTML-escaped
 * because the original client inserts them as raw HTML.
 *
 * <p>The room id is echoed in the form the client used for that room: the canonical form is the decimal
 * string ("1", what the original client sends), encoded once for every socket that used it; a socket that
 * joined with another form ("01", or the number 1) gets its own {@link #variant}, encoded once for all
 * sockets using that same form.
 */
public class MultichatEventCodec implements EventCodec {

    /** Session attribute: room id to the JSON value a client used for it, when not the canonical string. */
    public static final String ROOM_ALIASES = MultichatEventCodec.class.getName() + ".aliases";

    public static final int MESSAGE = 0;
    public static final int ENTER = 4;
    public static final int LEAVE = 5;

    private final JsonMapper json;
    private final boolean notifyEnterLeave;

    public MultichatEventCodec(JsonMapper json, boolean notifyEnterLeave) {
        this.json = json;
        this.notifyEnterLeave = notifyEnterLeave;
    }

    @Override
    public Protocol protocol() {
        return Protocol.MULTICHAT;
    }

    /**
     * Enter and leave notices only when the setting is on; the joiner is not told about their own arrival,
     * like the original (it announced before adding the joiner to the room's group).
     */
    @Override
    public boolean wants(ChatConnection connection, ChatEvent event) {
        boolean enterOrLeave = event instanceof RoomMemberJoined
                || event instanceof RoomMemberLeft
                || event instanceof RoomPresenceChanged;
        if (enterOrLeave && !notifyEnterLeave) {
            return false;
        }
        if (event instanceof RoomMemberJoined j) {
            return j.userId() != connection.user().id();
        }
        if (event instanceof RoomPresenceChanged p) {
            return p.userId() != connection.user().id();
        }
        return true;
    }

    @Override
    public Object variant(ChatConnection connection, ChatEvent event) {
        JsonNode alias = aliasOf(connection, roomOf(event));
        return alias == null ? null : alias.toString();
    }

    @Override
    public String encode(ChatEvent event) {
        return encode(event, null);
    }

    @Override
    public String encode(ChatEvent event, ChatConnection connection) {
        long roomId = roomOf(event);
        if (roomId < 0) {
            return null;
        }
        JsonNode alias = connection == null ? null : aliasOf(connection, roomId);
        JsonNode room = alias != null ? alias : json.getNodeFactory().stringNode(Long.toString(roomId));
        ObjectNode frame;
        if (event instanceof RoomMessageCreated m) {
            frame = message(MESSAGE, room, m.senderUsername(), m.text());
        } else if (event instanceof RoomNotice n) {
            frame = message(n.level(), room, n.username(), n.text());
        } else if (event instanceof RoomMemberJoined j) {
            frame = notice(ENTER, room, j.username());
        } else if (event instanceof RoomMemberLeft l) {
            frame = notice(LEAVE, room, l.username());
        } else if (event instanceof RoomPresenceChanged p) {
            frame = notice(p.online() ? ENTER : LEAVE, room, p.username());
        } else if (event instanceof RoomDeleted) {
            frame = json.createObjectNode().set("leave", room);
        } else {
            frame = null;
        }
        return frame == null ? null : json.writeValueAsString(frame);
    }

    /** A level-0..3 frame; also used for history and for the muted notice. */
    public ObjectNode message(int level, JsonNode room, String username, String text) {
        ObjectNode frame = notice(level, room, username);
        frame.put("message", escape(text));
        return frame;
    }

    private ObjectNode notice(int level, JsonNode room, String username) {
        ObjectNode frame = json.createObjectNode().put("msg_type", level);
        frame.set("room", room);
        return frame.put("username", escape(username));
    }

    public static String escape(String text) {
        return text == null ? null : HtmlUtils.htmlEscape(text);
    }

    /**
     * The room an event is shown in, or -1 for events this protocol does not show. Staff removing or
     * restoring a message is not shown: the original client has no frame for either (a level-0 frame would
     * append an old message at the bottom as if it were new).
     */
    private static long roomOf(ChatEvent event) {
        if (event instanceof RoomMessageCreated m) {
            return m.roomId();
        } else if (event instanceof RoomNotice n) {
            return n.roomId();
        } else if (event instanceof RoomMemberJoined j) {
            return j.roomId();
        } else if (event instanceof RoomMemberLeft l) {
            return l.roomId();
        } else if (event instanceof RoomPresenceChanged p) {
            return p.roomId();
        } else if (event instanceof RoomDeleted d) {
            return d.roomId();
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static JsonNode aliasOf(ChatConnection connection, long roomId) {
        if (roomId < 0) {
            return null;
        }
        Object aliases = connection.attribute(ROOM_ALIASES);
        return aliases instanceof Map<?, ?> map ? ((Map<Long, JsonNode>) map).get(roomId) : null;
    }
}
