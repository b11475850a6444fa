package org.parley.chat.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;

/** A broker that records what services publish, and can look at the world at the moment of publishing. */
final class RecordingBroker implements ChatBroker {

    record Published(ChatEvent event, List<Topic> topics) {}

    private final List<Published> published = new ArrayList<>();
    private volatile Consumer<ChatEvent> onPublish = event -> {};

    @Override
    public synchronized void publish(ChatEvent event, Collection<Topic> topics) {
        onPublish.accept(event);
        published.add(new Published(event, List.copyOf(topics)));
    }

    /** Runs {@code check} on every event as it is published (before {@link #publish} returns). */
    void onPublish(Consumer<ChatEvent> check) {
        this.onPublish = check;
    }

    synchronized <T extends ChatEvent> List<Published> of(Class<T> type) {
        return published.stream().filter(p -> type.isInstance(p.event())).toList();
    }

    synchronized List<Published> all() {
        return new ArrayList<>(published);
    }

    synchronized void clear() {
        published.clear();
    }

    @Override
    public void subscribe(Topic topic) {}

    @Override
    public void unsubscribe(Topic topic) {}

    @Override
    public void deliverTo(LocalDelivery delivery) {}
}
