package org.parley.chat.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.UserTyping;

/** Keeps every event (and link change) a broker delivered to its node, in order. */
public final class RecordingDelivery implements ChatBroker.LocalDelivery {

    public record Delivered(ChatEvent event, List<Topic> topics) {}

    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private final List<Boolean> links = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(ChatEvent event, Collection<Topic> topics) {
        delivered.add(new Delivered(event, List.copyOf(topics)));
    }

    @Override
    public void linkChanged(boolean up) {
        links.add(up);
    }

    /** What was delivered, without the probes and markers tests use to wait (typist "probe"/"marker"). */
    public List<Delivered> delivered() {
        return delivered.stream().filter(d -> !isProbe(d.event())).toList();
    }

    public List<ChatEvent> events() {
        return delivered().stream().map(Delivered::event).toList();
    }

    public List<ChatEvent> allEvents() {
        return delivered.stream().map(Delivered::event).toList();
    }

    private static boolean isProbe(ChatEvent event) {
        return event instanceof UserTyping t
                && (t.typistUsername().equals("probe") || t.typistUsername().equals("marker"));
    }

    public List<Boolean> links() {
        return new ArrayList<>(links);
    }

    public void clear() {
        delivered.clear();
    }
}
