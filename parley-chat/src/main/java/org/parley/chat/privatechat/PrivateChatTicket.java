package org.parley.chat.privatechat;

import org.parley.chat.realtime.ChatConnection;
import org.parley.chat.user.ChatUser;

/**
 * What the handshake established for one private-chat socket, kept in the socket's attributes.
 *
 * @param sessionKey the token from the URL; every packet must repeat it
 * @param user the token's user
 * @param opponentUsername the dialog partner named in the URL, as given
 * @param opponentId that partner's id, or null if no such user exists (the socket still works for the
 *     rest of the page: presence of other partners, flashing buttons)
 */
record PrivateChatTicket(String sessionKey, ChatUser user, String opponentUsername, Long opponentId) {

    static final String ATTRIBUTE = PrivateChatTicket.class.getName();

    static PrivateChatTicket of(ChatConnection connection) {
        return (PrivateChatTicket) connection.attribute(ATTRIBUTE);
    }

    boolean hasOpponent(long userId) {
        return opponentId != null && opponentId == userId;
    }

    @Override
    public String toString() {
        // Never log the token.
        return "PrivateChatTicket[user=" + user.username() + ", opponent=" + opponentUsername + "]";
    }
}
