package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/** {@link RoomFanOutTest} with the sockets on the chat port. A room of 1,000 chat-port sockets: still one encoding per protocol and a constant number of statements. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortRoomFanOutTest extends RoomFanOutTest {}
