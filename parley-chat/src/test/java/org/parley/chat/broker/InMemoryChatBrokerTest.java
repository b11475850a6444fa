package org.parley.chat.broker;

class InMemoryChatBrokerTest extends ChatBrokerContract {

    private final InMemoryChatBroker broker = new InMemoryChatBroker();

    @Override
    protected ChatBroker node(int index) {
        return broker; // one node: "another node" is this one
    }
}
