package org.parley.chat.realtime;

/** The wire protocols Parley speaks; each has one {@link EventCodec}. See docs/protocol.md. */
public enum Protocol {
    /** Parley's own socket at {@code parley.websocket.path}. */
    NATIVE,
    /** The django-private-chat client's socket. */
    PRIVATE_CHAT,
    /** The Channels multichat client's socket at {@code /chat/stream/}. */
    MULTICHAT
}
