package org.parley.chat.realtime;

import java.util.concurrent.CompletionStage;

/**
 * A socket whose frames may finish after their handler has returned (a message finishes when it is
 * committed and published, on the message writer's thread). The socket's next frame waits until then, so
 * frames are still answered one after the other, in the order they came, while no thread waits for the
 * commit. A socket that is not one of these (the servlet container's) waits for {@code done} in its handler.
 */
public interface AsyncFrames {

    /** The frame being handled now is finished only when {@code done} completes; called by its handler. */
    void finishWhen(CompletionStage<?> done);
}
