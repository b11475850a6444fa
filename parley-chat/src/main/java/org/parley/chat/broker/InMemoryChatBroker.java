package org.parley.chat.broker;

import java.util.Collection;
import org.parley.chat.event.ChatEvent;

/** The single-node broker: an event goes straight to this node's sessions on the publisher's thread. */
public class InMemoryChatBroker implements ChatBroker {

    private volatile LocalDelivery delivery = (event, topics) -> {};

    @Override
    public void publish(ChatEvent event, Collection<Topic> topics) {
        delivery.deliver(event, topics);
    }

    @Override
    public void subscribe(Topic topic) {
        // Every topic is local: nothing to do.
    }

    @Override
    public void unsubscribe(Topic topic) {
        // Every topic is local: nothing to do.
    }

    @Override
    public void deliverTo(LocalDelivery delivery) {
        this.delivery = delivery;
    }
}
