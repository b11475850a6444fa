package org.parley.chat.chatport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A socket's inbox: tasks in order, one at a time, and a task that finishes later holds the next one. */
class InboxTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Inbox inbox = new Inbox(channel, workers);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        channel.finishAndReleaseAll();
    }

    @Test
    void theTaskAfterOneThatFinishesLaterWaitsUntilItHasFinished() {
        var stored = new CompletableFuture<Void>();
        inbox.runFirstHere(() -> ran.add("open"));
        inbox.add(() -> {
            ran.add("send");
            inbox.finishWhen(stored);
        });
        inbox.add(() -> ran.add("next"));

        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> ran.contains("send"));
        // Nothing would stop "next" from running by now but the hold.
        Awaitility.await()
                .during(200, TimeUnit.MILLISECONDS)
                .atMost(2, TimeUnit.SECONDS)
                .until(() -> !ran.contains("next"));

        stored.complete(null);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> ran.contains("next"));
        assertThat(ran).containsExactly("open", "send", "next");
    }

    @Test
    void aTaskAddedAfterTheHoldEndedRunsAsUsual() {
        var stored = new CompletableFuture<Void>();
        inbox.runFirstHere(() -> {});
        inbox.add(() -> inbox.finishWhen(stored));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> stored.getNumberOfDependents() > 0);
        stored.completeExceptionally(new IllegalStateException("the write failed"));

        inbox.add(() -> ran.add("after"));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> ran.contains("after"));
    }

    @Test
    void anAlreadyFinishedTaskDoesNotHoldTheNext() {
        inbox.runFirstHere(() -> inbox.finishWhen(CompletableFuture.completedFuture(null)));
        inbox.add(() -> ran.add("next"));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> ran.contains("next"));
    }

    @Test
    void readingPausesWhileFramesPileUpBehindAHoldAndResumesWhenTheyAreDone() {
        var stored = new CompletableFuture<Void>();
        inbox.runFirstHere(() -> {});
        inbox.add(() -> inbox.finishWhen(stored));
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < Inbox.PAUSE_AT; i++) {
            String frame = "frame " + i;
            frames.add(frame);
            inbox.add(() -> ran.add(frame));
        }
        assertThat(channel.config().isAutoRead()).isFalse();

        stored.complete(null);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == Inbox.PAUSE_AT);
        Awaitility.await()
                .atMost(5, TimeUnit.SECONDS)
                .until(() -> channel.config().isAutoRead());
        assertThat(ran).isEqualTo(frames);
    }
}
