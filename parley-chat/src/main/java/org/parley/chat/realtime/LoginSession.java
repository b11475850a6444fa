package org.parley.chat.realtime;

/**
 * The HTTP session a socket was opened with, which the socket's user keeps alive by chatting: a user who only
 * sends frames on an open page makes no HTTP request, and without this the session's inactivity timeout
 * would log them out while they chat (their next page, or the socket's reconnect, would find no login).
 * Put in the socket's handshake attributes under {@link #ATTRIBUTE}; {@link LoginSessions} makes them.
 */
public interface LoginSession {

    String ATTRIBUTE = LoginSession.class.getName();

    /**
     * The user whose frame this is was active on the socket at {@code nanoTime}; marks the session used at
     * most once per refresh interval, and only if it is that user's login. Never blocks.
     */
    void active(String username, long nanoTime);
}
