package org.parley.chat.event;

/**
 * Something that happened in the chat, after it was committed. Services create events and hand them to the
 * {@code ChatBroker}; codecs at the edge turn each event into frame text once per protocol.
 *
 * <p>See docs/architecture.md for how events flow and docs/protocol.md for the frames they become.
 */
public sealed interface ChatEvent
        permits MessageCreated,
                MessageRead,
                UserTyping,
                PresenceChanged,
                DialogCreated,
                MessageRemoved,
                MessageRestored,
                DeliveryChanged,
                RoomCreated,
                RoomChanged,
                RoomDeleted,
                RoomMemberJoined,
                RoomMemberLeft,
                RoomPresenceChanged,
                RoomMessageCreated,
                RoomMessageRemoved,
                RoomMessageRestored,
                RoomNotice,
                UserDeactivated,
                UserChanged,
                ChatTokensRevoked {}
