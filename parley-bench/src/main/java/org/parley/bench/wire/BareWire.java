package org.parley.bench.wire;

import java.nio.ByteBuffer;

/** The Node bare relay: a channel is a URL path, a message is the raw text, everyone on the path gets it. */
public final class BareWire implements Wire {

    @Override
    public String path(BenchClient client) {
        if (client.room != null) {
            return "/" + client.group + "-" + client.room;
        }
        return client.channel < 0 ? "/idle" : "/" + client.group + "-" + client.channel;
    }

    @Override
    public String headers(BenchClient client) {
        return "";
    }

    @Override
    public void opened(BenchClient client) {
        client.joined();
    }

    @Override
    public void text(BenchClient client, ByteBuffer buffer, int offset, int length) {
        client.scan(buffer, offset, length);
    }

    @Override
    public void send(BenchClient client, byte[] text, int length) {
        client.sendRaw(text, length);
    }
}
