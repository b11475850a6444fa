package org.parley.bench.wire;

import java.nio.ByteBuffer;
import java.util.BitSet;
import org.parley.bench.ws.WsConn;
import org.parley.bench.ws.WsListener;
import org.parley.bench.ws.WsLoop;

/**
 * One bench socket: a user in one channel (a dialog with {@link #peer}, a room, or none for idle
 * sockets), with what it has received so far. Loop thread only.
 */
public final class BenchClient implements WsListener, Markers.Sink {

    /** What a scenario hears from its clients. */
    public interface Events {
        void joined(BenchClient client);

        void marker(BenchClient client, int channel, int seq, long sentNanos);

        /** A reply to {@link Wire}'s recovery request arrived (its markers were reported first). */
        default void recovered(BenchClient client) {}

        void closed(BenchClient client, String why);

        void error(BenchClient client, String frame);
    }

    public final BenchUser user;
    /** Names this run's channels apart from earlier runs' on the same server. */
    public final String group;
    /** The channel's index in the scenario, or -1 for an idle socket. */
    public final int channel;
    /** The dialog partner's username, or null. */
    public final String peer;
    /** The room's name, or null. */
    public final String room;

    final Wire wire;
    final Events events;
    WsConn conn;
    boolean joined;
    /** The server's id for the channel (Parley dialog or room id) once known, else -1. */
    public long key = -1;
    /** The highest server message id seen (Parley), for recovery after a reconnect; -1 if none. */
    public long lastMessageId = -1;
    /** Whether the next open should recover missed messages instead of joining afresh. */
    public boolean recoverOnOpen;
    /** Sequence numbers of the channel's messages received, to find losses and duplicates. */
    public final BitSet seen = new BitSet();
    /** Sequence numbers this client sent itself (rooms, where several members send), or null. */
    public BitSet ownSeqs;
    /** The last sequence number this client sent, or -1. */
    public int lastSent = -1;

    public BenchClient(BenchUser user, String group, int channel, String peer, String room, Wire wire, Events events) {
        this.user = user;
        this.group = group;
        this.channel = channel;
        this.peer = peer;
        this.room = room;
        this.wire = wire;
        this.events = events;
    }

    public void open(WsLoop loop, int port) {
        joined = false;
        conn = loop.connect(port, wire.path(this), wire.headers(this), this);
    }

    public boolean isOpen() {
        return conn != null && conn.isOpen();
    }

    /** Whether this socket joined its channel since it was last opened (it may have closed since). */
    public boolean hasJoined() {
        return joined;
    }

    public boolean isJoined() {
        return joined && isOpen();
    }

    public void close() {
        if (conn != null) {
            conn.close("closed by bench");
        }
    }

    public void send(byte[] text, int length) {
        wire.send(this, text, length);
    }

    /** Protocol adapters call this once the client may send chat messages. */
    void joined() {
        if (!joined) {
            joined = true;
            events.joined(this);
        }
    }

    void sendRaw(String frame) {
        conn.sendText(frame);
    }

    void sendRaw(byte[] frame, int length) {
        conn.sendText(frame, length);
    }

    void scan(ByteBuffer buffer, int offset, int length) {
        Markers.scan(buffer, offset, length, this);
    }

    @Override
    public void marker(int channel, int seq, long sentNanos, long messageId) {
        if (messageId > lastMessageId) {
            lastMessageId = messageId;
        }
        events.marker(this, channel, seq, sentNanos);
    }

    @Override
    public void onOpen(WsConn conn) {
        wire.opened(this);
    }

    @Override
    public void onText(WsConn conn, ByteBuffer buffer, int offset, int length) {
        wire.text(this, buffer, offset, length);
    }

    @Override
    public void onClose(WsConn conn, String why) {
        events.closed(this, why);
    }

    @Override
    public String toString() {
        return user.name() + (peer != null ? "->" + peer : room != null ? "@" + room : "");
    }
}
