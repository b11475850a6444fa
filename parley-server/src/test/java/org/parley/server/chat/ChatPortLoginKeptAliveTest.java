package org.parley.server.chat;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** {@link LoginKeptAliveTest} on the chat port, which finds the HTTP session by its cookie. */
@Import(LoginKeptAliveTest.ShortSessions.class)
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortLoginKeptAliveTest extends LoginKeptAliveTest {}
