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
public final class RoomScenario extends Scenario {

    private final int members;
    private final int senderCount;
    private final double deliveryRate;
    private final int inFlight;
    private List<BenchClient> all = List.of();
    private List<BenchClient> senders = List.of();
    private boolean sending;
    /** Sending as fast as the in-flight bound allows: always at max, and during a fixed rate's warm-up. */
    private boolean flatOut;

    private long paced;
    private long pacingStart;

    /** @param deliveryRate offered deliveries per second, or 0 for "as fast as possible" */
    public RoomScenario(String name, Settings settings, int members, int senders, double deliveryRate, int inFlight) {
        super(name, settings);
        this.members = members;
        this.senderCount = senders;
        this.deliveryRate = deliveryRate;
        this.inFlight = inFlight;
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
        if (deliveryRate > 0) {
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
        if (deliveryRate > 0) {
            warmUpFlatOut(this::startFlatOut, () -> flatOut = false);
            loop.call(() -> {
                sending = true;
                pacingStart = System.nanoTime();
                paced = 0;
                pace();
                return null;
            });
            window(result, settings.warmupSeconds(), settings.seconds());
        } else {
            loop.call(() -> {
                startFlatOut();
                return null;
            });
            window(result, settings.warmupSeconds(), settings.seconds());
        }
        loop.call(() -> sending = false);
        result.lost = drain(all, 20);
        result.messagesPerSecond = result.deliveriesPerSecond / members;
    }

    private void startFlatOut() {
        sending = true;
        flatOut = true;
        for (BenchClient sender : senders) {
            for (int i = 0; i < inFlight; i++) {
                sendNext(sender);
            }
        }
    }

    private void pace() {
        if (!sending) {
            return;
        }
        long due = (long) ((System.nanoTime() - pacingStart) * deliveryRate / members / 1e9);
        while (paced < due) {
            sendNext(senders.get((int) (paced++ % senders.size())));
        }
        loop.at(System.nanoTime() + 1_000_000, this::pace);
    }

    @Override
    public void marker(BenchClient client, int channel, int seq, long sentNanos) {
        boolean own = client.ownSeqs != null && client.ownSeqs.get(seq);
        if (recorder.delivered(client, channel, seq, sentNanos, own) && own && flatOut && sending) {
            sendNext(client);
        }
    }
}
