package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/** {@link MultichatProtocolTest} with the sockets on the chat port. The multichat protocol on the chat port. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortMultichatProtocolTest extends MultichatProtocolTest {}
