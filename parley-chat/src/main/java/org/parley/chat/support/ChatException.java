package org.parley.chat.support;

/**
 * A request the chat refuses, with a stable {@link ErrorCode} and a message safe to show the user who made
 * it (never a stack trace, never whether someone else's dialog exists).
 */
public class ChatException extends RuntimeException {

    private final ErrorCode code;

    public ChatException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
