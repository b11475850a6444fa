package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/** {@link PresenceTest} with the sockets on the chat port. Presence with chat-port sockets: however a socket ends (close frame, dropped connection), the registry and presence follow. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortPresenceTest extends PresenceTest {}
