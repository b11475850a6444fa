package org.parley.chat.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers the lookups of callers that arrive together with one bulk call, so that 16 sockets opening at
 * once cost one query instead of 16 (docs/performance.md, "Sixth round").
 *
 * <p>The first caller runs the bulk call for itself and whatever is waiting; callers that arrive meanwhile
 * wait, and the first of them runs the next bulk call for all of them once the current one is done. A
 * bulk call therefore always starts after each of its callers arrived: nobody gets an answer read before
 * they asked. A lone caller runs its own call at once.
 *
 * <p>A caller inside a database transaction is answered on its own, in its transaction: a shared call runs
 * in the transaction of whoever leads it, and others must neither see its uncommitted rows nor lose rows
 * it inserted for them when it rolls back.
 *
 * <p>The bulk function must not call back into the same coalescer. Thread-safe.
 *
 * @param <K> the key looked up
 * @param <V> its value; a key the bulk call leaves out of its map gets null
 */
public final class Coalescer<K, V> {

    private final Function<Set<K>, Map<K, V>> bulk;
    private final int maxKeys;
    private final Object lock = new Object();
    private List<Request<K, V>> waiting = new ArrayList<>();
    private boolean running;

    /**
     * @param bulk looks up a set of keys at once (at most {@code maxKeys}); what it throws reaches every
     *     caller of that call
     * @param maxKeys most keys per bulk call (bounds the statement a call builds)
     */
    public Coalescer(Function<Set<K>, Map<K, V>> bulk, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
        this.bulk = bulk;
        this.maxKeys = maxKeys;
    }

    /** The value of {@code key} (null if the bulk call gave none), looked up together with other callers'. */
    public V get(K key) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return bulk.apply(Set.of(key)).get(key);
        }
        var mine = new Request<K, V>(key);
        boolean leads;
        synchronized (lock) {
            waiting.add(mine);
            leads = !running;
            running = true;
        }
        if (!leads) {
            mine.awaitTurn();
        }
        if (!mine.answered()) {
            lead();
        }
        return mine.value();
    }

    /** Runs one bulk call for the first callers waiting (this one among them), then passes the lead on. */
    private void lead() {
        List<Request<K, V>> batch;
        synchronized (lock) {
            if (waiting.size() <= maxKeys) {
                batch = waiting;
                waiting = new ArrayList<>();
            } else {
                batch = new ArrayList<>(waiting.subList(0, maxKeys));
                waiting = new ArrayList<>(waiting.subList(maxKeys, waiting.size()));
            }
        }
        try {
            Set<K> keys = new LinkedHashSet<>();
            for (var request : batch) {
                keys.add(request.key);
            }
            Map<K, V> values = bulk.apply(keys);
            for (var request : batch) {
                request.answer(values.get(request.key), null);
            }
        } catch (RuntimeException | Error failure) {
            for (var request : batch) {
                request.answer(null, failure);
            }
        } finally {
            Request<K, V> next = null;
            synchronized (lock) {
                if (waiting.isEmpty()) {
                    running = false;
                } else {
                    next = waiting.get(0);
                }
            }
            if (next != null) {
                next.lead();
            }
        }
    }

    private static final class Request<K, V> {
        private final K key;
        private V value;
        private Throwable failure;
        private boolean answered;
        private boolean leads;

        Request(K key) {
            this.key = key;
        }

        synchronized void answer(V value, Throwable failure) {
            this.value = value;
            this.failure = failure;
            this.answered = true;
            notifyAll();
        }

        synchronized void lead() {
            leads = true;
            notifyAll();
        }

        /**
         * Waits until answered or asked to lead. Not interruptible: a caller that left would leave the
         * callers behind it without a leader; an interrupt is kept for the caller to see afterwards.
         */
        synchronized void awaitTurn() {
            boolean interrupted = false;
            while (!answered && !leads) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized boolean answered() {
            return answered;
        }

        synchronized V value() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return value;
        }
    }
}
