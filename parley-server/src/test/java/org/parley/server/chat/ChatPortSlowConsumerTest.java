package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/** {@link SlowConsumerTest} with the sockets on the chat port. A client that stops reading on the chat port: closed with 4001 once over the outbound buffer (the channel's high water mark), while publishers and others never wait. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortSlowConsumerTest extends SlowConsumerTest {}
