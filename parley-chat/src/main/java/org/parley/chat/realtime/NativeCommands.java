package org.parley.chat.realtime;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Frame types a feature adds to the native socket (e.g. the room commands). Like the handler itself, an
 * implementation parses, checks access through the feature's service and calls one service method; a
 * refusal is thrown as a {@code ChatException} and becomes an error frame for that socket alone.
 */
public interface NativeCommands {

    /** The frame types this feature handles. */
    Set<String> types();

    /**
     * Handles a frame of one of {@link #types}; returns null when the frame is done, or what completes when
     * it is (a message being stored), as {@link ChatSocketHandler#handle} does.
     */
    CompletionStage<?> handle(ChatConnection connection, String type, InboundFrame frame);
}
