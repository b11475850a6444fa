package org.parley.chat.realtime;

import java.util.Collection;
import java.util.List;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.RoomDeleted;
import org.parley.chat.event.RoomMemberJoined;
import org.parley.chat.event.RoomMemberLeft;
import org.parley.chat.room.RoomService;

/**
 * Keeps every connection subscribed to the rooms its user is a member of, on whichever node it is:
 * membership is per user, so a socket opened later (a reconnect, another tab, another device) listens to
 * the user's rooms from the start, and a join or leave anywhere reaches all of the user's sockets through
 * the membership events (published to the user's topic as well as the room's).
 *
 * <p>Native sockets also listen to the room directory (the live room list), staff to the staff one.
 */
public class RoomSubscriptions implements SubscriptionPolicy {

    private final SessionRegistry registry;
    private final RoomService rooms;

    public RoomSubscriptions(SessionRegistry registry, RoomService rooms) {
        this.registry = registry;
        this.rooms = rooms;
    }

    @Override
    public void opened(ChatConnection connection) {
        for (long roomId : rooms.roomIdsOf(connection.user())) {
            registry.subscribe(connection, Topic.room(roomId));
        }
        if (connection.protocol() == Protocol.NATIVE) {
            registry.subscribe(connection, Topic.roomDirectory(connection.user().staff()));
        }
    }

    @Override
    public void reached(ChatEvent event, Collection<Topic> topics) {
        if (event instanceof RoomMemberJoined joined) {
            for (ChatConnection connection : registry.connectionsOf(joined.userId())) {
                registry.subscribe(connection, Topic.room(joined.roomId()));
            }
        } else if (event instanceof RoomMemberLeft left) {
            for (ChatConnection connection : registry.connectionsOf(left.userId())) {
                registry.unsubscribe(connection, Topic.room(left.roomId()));
            }
        } else if (event instanceof RoomDeleted deleted && topics.contains(Topic.room(deleted.roomId()))) {
            // Only a real deletion goes to the room's topic; "gone for non-staff" goes to a directory only.
            Topic room = Topic.room(deleted.roomId());
            for (ChatConnection connection : registry.subscribersOf(List.of(room))) {
                registry.unsubscribe(connection, room);
            }
        }
    }
}
