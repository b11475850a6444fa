package org.parley.chat.presence;

class InMemoryPresenceStoreTest extends PresenceStoreContract {

    private final InMemoryPresenceStore store = new InMemoryPresenceStore();

    @Override
    protected PresenceStore node(int index) {
        return store; // one node: "another node" is this one
    }
}
