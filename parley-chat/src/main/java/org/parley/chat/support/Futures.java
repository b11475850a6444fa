package org.parley.chat.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for a future (a message being stored), and its failure as it was raised: the one place that unwraps them. */
public final class Futures {

    private Futures() {}

    /** What failed, without the {@code CompletionException} a dependent stage wraps it in. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause()
                : failure;
    }

    /**
     * The value of {@code future}, once complete; its failure is thrown as it was raised (a runtime
     * exception), not wrapped.
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.UNAVAILABLE, "Interrupted while storing the message.");
        } catch (ExecutionException e) {
            Throwable cause = cause(e.getCause());
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("The awaited work failed", cause);
        }
    }
}
