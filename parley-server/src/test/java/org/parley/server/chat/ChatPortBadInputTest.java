package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/** {@link BadInputTest} with the sockets on the chat port. Bad input on the chat port: the same error frames, and a frame over the limit closes with 1009. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortBadInputTest extends BadInputTest {}
