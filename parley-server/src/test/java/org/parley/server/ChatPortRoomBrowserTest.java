package org.parley.server;

import org.springframework.test.context.TestPropertySource;

/** {@link RoomBrowserTest} (the rooms page and the multichat page) with their sockets on the chat port. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortRoomBrowserTest extends RoomBrowserTest {}
