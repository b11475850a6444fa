package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/** {@link HeartbeatTest} with the sockets on the chat port. Pings on the chat port: a silent client is closed with 4002 within two intervals, answering ones stay. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortHeartbeatTest extends HeartbeatTest {}
