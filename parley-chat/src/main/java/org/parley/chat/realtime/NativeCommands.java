package org.parley.chat.realtime;

/**
 * Frame types a feature adds to the native socket (e.g. the room commands). Like the handler itself, an
 * implementation parses, checks access through the feature's service and calls one service method; a
 * refusal is thrown as a {@code ChatException} and becomes an error frame for that socket alone.
 */
public interface NativeCommands {

    /** Handles a frame of one of this feature's types; false if {@code type} is not one of them. */
    boolean handle(ChatConnection connection, String type, InboundFrame frame);
}
