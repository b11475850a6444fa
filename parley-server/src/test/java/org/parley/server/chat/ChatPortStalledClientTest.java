package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StalledClientTest} on the chat port, where a stalled socket is found by its ping: one not written
 * within the send-time limit means the frames before it are not either (closed 4001 at the next tick).
 */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortStalledClientTest extends StalledClientTest {}
