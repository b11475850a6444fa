package org.parley.chat.privatechat;

/** The second port that serves only the chat sockets ({@code parley.private-chat.separate-port}). */
public interface SeparateChatPort {

    /** The port it listens on (the one chosen when the setting was 0). */
    int localPort();

    /** Whether it speaks TLS ({@code wss}). */
    boolean secure();
}
