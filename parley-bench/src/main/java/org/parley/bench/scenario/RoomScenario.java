package org.parley.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import org.parley.bench.wire.BenchClient;

/**
 * Room fan-out: {@code members} users join one room and {@code senderCount} of them send, either at a
 * fixed offered rate (in deliveries per second, so in messages per second divided by the room size,
 * spread round-robin over the senders) or as fast as possible with {@code inFlight} messages outstanding
 * per sender (a sender sends its next one when its own copy comes back).
 */
public final class RoomScenario extends TrafficScenario {

    private final int members;
    private final int senderCount;
    private List<BenchClient> all = List.of();

    /** @param deliveryRate offered deliveries per second, or 0 for "as fast as possible" */
    public RoomScenario(String name, Settings settings, int members, int senders, double deliveryRate, int inFlight) {
        super(name, settings, deliveryRate / members, inFlight);
        this.members = members;
        this.senderCount = senders;
    }

    @Override
    public int users() {
        return members;
    }

    @Override
    protected List<BenchClient> clients() {
        return all;
    }

    @Override
    protected void measure(Result result) throws Exception {
        if (fixedRate()) {
            recorder.trackMessages();
        }
        var users = target.users(members);
        String room = "room" + members;
        long roomId = target.createRoom(group + "-" + room);
        List<BenchClient> clients = new ArrayList<>(members);
        for (var user : users) {
            var client = new BenchClient(user, group, 0, null, room, target.wire(), this);
            client.key = roomId;
            clients.add(client);
        }
        all = clients;
        senders = clients.subList(0, senderCount);
        sent = new int[1];
        openAll(all, () -> joined == all.size(), 120);
        settle(); // the joins and their presence announcements
        traffic(result);
        result.lost = drain(all, 20);
        result.messagesPerSecond = result.deliveriesPerSecond / members;
    }

    @Override
    public void marker(BenchClient client, int channel, int seq, long sentNanos) {
        boolean own = client.ownSeqs != null && client.ownSeqs.get(seq);
        if (recorder.delivered(client, channel, seq, sentNanos, own) && own) {
            ownCopyArrived(client);
        }
    }
}
