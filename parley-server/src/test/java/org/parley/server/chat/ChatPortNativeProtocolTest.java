package org.parley.server.chat;

import org.springframework.test.context.TestPropertySource;

/** {@link NativeProtocolTest} with the sockets on the chat port. The native protocol on the chat port: the same frames as on the servlet port. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortNativeProtocolTest extends NativeProtocolTest {}
