package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/** {@link RoomNativeProtocolTest} with the sockets on the chat port. Rooms over the native protocol on the chat port. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortRoomNativeProtocolTest extends RoomNativeProtocolTest {}
