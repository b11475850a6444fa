package org.parley.chat.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.ChatEventSamples;
import org.parley.chat.event.UserTyping;

/**
 * What every {@link ChatBroker} must do, run against each implementation. {@link #node} gives the brokers
 * of one cluster; a single-node broker returns the same one for every index, and then "another node" is
 * this one. Subclasses add what only their implementation can show.
 */
public abstract class ChatBrokerContract {

    /** The broker of node {@code index} (0, 1, ...) of this test's cluster; the same one for the same index. */
    protected abstract ChatBroker node(int index);

    private final Map<ChatBroker, RecordingDelivery> recorders = new IdentityHashMap<>();
    private static final AtomicLong PROBES = new AtomicLong(-1);

    protected RecordingDelivery recorder(ChatBroker broker) {
        return recorders.computeIfAbsent(broker, b -> {
            var recorder = new RecordingDelivery();
            b.deliverTo(recorder);
            return recorder;
        });
    }

    /**
     * Subscribes {@code receiver} to {@code topic} and waits until an event {@code publisher} sends to it
     * arrives (subscribing may take effect a little later than the call), then forgets the probes.
     */
    protected void subscribeAndAwait(ChatBroker publisher, ChatBroker receiver, Topic topic) {
        RecordingDelivery recorder = recorder(receiver);
        recorder(publisher);
        receiver.subscribe(topic);
        long probeId = PROBES.getAndDecrement();
        var probe = new UserTyping(probeId, probeId, "probe", topic.id());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    publisher.publish(probe, List.of(topic));
                    return recorder.allEvents().contains(probe);
                });
        recorder.clear();
        recorder(publisher).clear();
    }

    /** Publishes a marker after the events under test; once it arrived, everything before it did too. */
    protected void awaitAfterMarker(ChatBroker publisher, ChatBroker receiver, Topic topic) {
        long markerId = PROBES.getAndDecrement();
        var marker = new UserTyping(markerId, markerId, "marker", topic.id());
        publisher.publish(marker, List.of(topic));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> recorder(receiver).allEvents().contains(marker));
    }

    @Test
    void everyEventTypeCrossesToAnotherNodeUnchanged() {
        ChatBroker publisher = node(0);
        ChatBroker receiver = node(1);
        Topic topic = Topic.user(4242);
        subscribeAndAwait(publisher, receiver, topic);

        List<ChatEvent> samples = ChatEventSamples.all();
        for (ChatEvent sample : samples) {
            publisher.publish(sample, List.of(topic));
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder(receiver).events()).containsExactlyElementsOf(samples));
        assertThat(recorder(receiver).delivered())
                .allSatisfy(d -> assertThat(d.topics()).containsExactly(topic));
    }

    @Test
    void anEventForSeveralTopicsReachesANodeOnceWithAllItsTopics() {
        ChatBroker publisher = node(0);
        ChatBroker receiver = node(1);
        List<Topic> topics = List.of(Topic.user(1), Topic.user(2), Topic.room(3));
        for (Topic topic : topics) {
            subscribeAndAwait(publisher, receiver, topic);
        }

        var event = new UserTyping(77, 1, "alice", 2);
        publisher.publish(event, topics);
        awaitAfterMarker(publisher, receiver, Topic.user(1));

        var copies = recorder(receiver).delivered().stream()
                .filter(d -> d.event().equals(event))
                .toList();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).topics()).containsExactlyElementsOf(topics);
    }

    @Test
    void thePublishingNodeGetsItsOwnEventOnce() {
        ChatBroker node = node(0);
        List<Topic> topics = List.of(Topic.user(11), Topic.user(12));
        for (Topic topic : topics) {
            subscribeAndAwait(node, node, topic);
        }

        var event = new UserTyping(78, 11, "alice", 12);
        node.publish(event, topics);
        awaitAfterMarker(node, node, Topic.user(11));

        assertThat(recorder(node).events().stream().filter(event::equals)).hasSize(1);
    }

    @Test
    void eventsOfOnePublisherArriveInTheOrderTheyWerePublished() {
        ChatBroker publisher = node(0);
        ChatBroker receiver = node(1);
        Topic topic = Topic.room(31);
        subscribeAndAwait(publisher, receiver, topic);

        List<ChatEvent> sent = new ArrayList<>();
        IntStream.range(0, 300).forEach(i -> sent.add(new UserTyping(i, 5, "bob", 31)));
        sent.forEach(e -> publisher.publish(e, List.of(topic)));

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder(receiver).events()).containsExactlyElementsOf(sent));
    }

    @Test
    void aNodeCanSubscribeAgainAfterUnsubscribing() {
        ChatBroker publisher = node(0);
        ChatBroker receiver = node(1);
        Topic topic = Topic.user(55);
        subscribeAndAwait(publisher, receiver, topic);
        receiver.unsubscribe(topic);
        receiver.subscribe(topic);

        // Until the new subscription is active, events may be missed (clients then load history), so the
        // event is published until it arrives: with no working re-subscription it never would.
        var event = new UserTyping(79, 1, "carol", 55);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    publisher.publish(event, List.of(topic));
                    return recorder(receiver).events().contains(event);
                });
    }

    @Test
    void aHealthyBrokerReachesTheOtherNodes() {
        assertThat(node(0).connected()).isTrue();
        assertThat(node(1).connected()).isTrue();
    }
}
