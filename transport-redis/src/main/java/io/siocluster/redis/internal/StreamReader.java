package io.siocluster.redis.internal;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.siocluster.spi.error.TransportClosedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every subscribed stream with one blocking {@code XREAD} at a time on the read connection, from each
 * stream's last id, and hands the entries to the dispatcher. Everything here runs on the control thread
 * (Lettuce's answers hop to it), so cursors need no locks. When the streams to read change, a blocked XREAD
 * is ended with {@code CLIENT UNBLOCK} from the control connection and the next one reads the new set. While
 * the dispatcher is behind, reading pauses: entries wait in Redis, not in memory.
 */
final class StreamReader {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
    private static final String PAYLOAD_FIELD = "payload";
    private static final int MAX_PENDING_BATCHES = 8;

    private final Settings settings;
    private final ScheduledExecutorService control;
    private final Dispatcher dispatcher;
    private final BiConsumer<Links, Throwable> connectionLost;
    private final Runnable lostWhileUp;
    private final RareLog lagged = new RareLog(LOG);
    private final RareLog malformed = new RareLog(LOG);
    private final Deadlines deadlines;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private @Nullable Links links;
    private boolean reading;
    private boolean paused;
    private @Nullable ScheduledFuture<?> idleProbe;

    StreamReader(Settings settings, ScheduledExecutorService control, Dispatcher dispatcher,
            BiConsumer<Links, Throwable> connectionLost, Runnable lostWhileUp) {
        this.settings = settings;
        this.lostWhileUp = lostWhileUp;
        this.control = control;
        this.dispatcher = dispatcher;
        this.connectionLost = connectionLost;
        this.deadlines = new Deadlines(control);
    }

    long malformedEntries() {
        return malformed.count();
    }

    // ---- subscriptions (control thread) ----------------------------------------------------------

    void subscribe(RedisSubscription subscription) {
        if (subscription.isClosed()) {
            return;
        }
        Cursor cursor = cursors.computeIfAbsent(subscription.channel(),
                ch -> new Cursor(ch, settings.keys().key(ch)));
        cursor.subscriptions.add(subscription);
        if (cursor.started()) {
            subscription.ready.complete(null);
        } else if (links != null && cursor.subscriptions.size() == 1) {
            startAsync(links, cursor);
        }
    }

    void unsubscribe(RedisSubscription subscription) {
        Cursor cursor = cursors.get(subscription.channel());
        if (cursor != null && cursor.subscriptions.remove(subscription) && cursor.subscriptions.isEmpty()) {
            cursors.remove(cursor.channel);
            wake();
        }
    }

    /** The transport is closing: subscriptions still waiting to be ready fail. */
    void closeAll(String description) {
        for (Cursor cursor : cursors.values()) {
            cursor.subscriptions.forEach(s -> s.ready.completeExceptionally(new TransportClosedException(description)));
        }
        cursors.clear();
        disconnected();
    }

    // ---- connection changes (control thread) -----------------------------------------------------

    /** Whether any stream lost entries this node had not read, checked on the new connections. */
    boolean gapSince(Links fresh, boolean restarted) throws Exception {
        boolean gap = false;
        for (Cursor cursor : cursors.values()) {
            if (GapCheck.lostEntries(fresh.control().async(), cursor, restarted, settings.commandTimeout())) {
                LOG.warn("stream {} lost entries this node had not read (trimmed by a MAXLEN ~ such as this node's {}, deleted, or"
                        + " lost in a Redis restart); resuming with what is left", cursor.key, settings.maxLen());
                gap = true;
            }
        }
        return gap;
    }

    void connected(Links fresh) {
        links = fresh;
        for (Cursor cursor : cursors.values()) {
            if (!cursor.started()) {
                startAsync(fresh, cursor);
            }
        }
        readNext();
    }

    void disconnected() {
        links = null;
        reading = false;
        paused = false;
        cancelIdleProbe();
    }

    // ---- reading (control thread) ------------------------------------------------------------------

    /** Learns the newest id of a new stream (or {@code 0-0}): what is added after it is this node's to read. */
    private void startAsync(Links on, Cursor cursor) {
        deadlines.within(on.control().async().xrevrange(cursor.key, Range.unbounded(), Limit.from(1)),
                        settings.commandTimeout().toMillis(), "XREVRANGE")
                .whenCompleteAsync((newest, failure) -> {
                    if (links != on || cursors.get(cursor.channel) != cursor || cursor.started()) {
                        return; // reconnected, unsubscribed or started meanwhile: the new state decides
                    }
                    if (failure != null) {
                        connectionLost.accept(on, failure);
                        return;
                    }
                    cursor.start(newest.isEmpty() ? null : newest.get(0).getId());
                    cursor.subscriptions.forEach(s -> s.ready.complete(null));
                    wake();
                }, control);
    }

    private void readNext() {
        Links on = links;
        if (on == null || reading) {
            return;
        }
        if (dispatcher.pendingBatches() >= MAX_PENDING_BATCHES) {
            paused = true;
            return;
        }
        List<StreamOffset<byte[]>> offsets = new ArrayList<>();
        for (Cursor cursor : cursors.values()) {
            if (cursor.started()) {
                offsets.add(StreamOffset.from(cursor.key.getBytes(StandardCharsets.UTF_8), cursor.lastId));
            }
        }
        if (offsets.isEmpty()) {
            scheduleIdleProbe(on);
            return;
        }
        reading = true;
        long block = settings.blockTimeout().toMillis();
        @SuppressWarnings("unchecked")
        StreamOffset<byte[]>[] streams = offsets.toArray(new StreamOffset[0]);
        // An answer may hold entries up to maxPayloadBytes: allow a second per MiB of that to arrive.
        long slack = settings.maxPayloadBytes() / (1024 * 1024) * 1000L;
        deadlines.within(on.read().async().xread(new XReadArgs().block(block).count(settings.readCount()), streams),
                        block + settings.commandTimeout().toMillis() + slack, "XREAD")
                .whenCompleteAsync((entries, failure) -> onRead(on, entries, failure), control);
    }

    private void onRead(Links on, @Nullable List<StreamMessage<byte[], byte[]>> entries, @Nullable Throwable failure) {
        if (links != on) {
            return;
        }
        reading = false;
        if (failure != null) {
            connectionLost.accept(on, failure);
            return;
        }
        if (entries != null && !entries.isEmpty()) {
            List<Dispatcher.Delivery> batch = new ArrayList<>(entries.size());
            Map<Cursor, Position> before = new LinkedHashMap<>();
            Map<Cursor, Integer> counts = new LinkedHashMap<>();
            for (StreamMessage<byte[], byte[]> entry : entries) {
                Cursor cursor = cursors.get(channelOf(entry.getStream()));
                if (cursor == null) {
                    continue; // unsubscribed while the read was under way
                }
                before.putIfAbsent(cursor, new Position(cursor.lastId, cursor.lastIsEntry));
                counts.merge(cursor, 1, Integer::sum);
                cursor.advance(entry.getId());
                Map<String, String> fields = fields(entry);
                if (fields == null) {
                    continue;
                }
                // A text subscription needs a 'payload' entry; field subscriptions take any entry.
                boolean forText = cursor.subscriptions.stream().anyMatch(s -> s.listener != null);
                String payload = forText ? payload(entry, fields) : null;
                if (payload != null || !forText || cursor.subscriptions.stream().anyMatch(s -> s.fieldListener != null)) {
                    batch.add(new Dispatcher.Delivery(cursor.channel, payload, fields, List.copyOf(cursor.subscriptions)));
                }
            }
            try {
                if (trimmedUnread(on, before, counts)) {
                    lostWhileUp.run(); // told before the batch, on the same thread as the batch
                }
            } catch (Exception e) {
                connectionLost.accept(on, e);
                return;
            }
            dispatcher.deliver(batch, this::resumeIfPausedLater);
        }
        readNext();
    }

    /**
     * Whether a stream read in full ({@code readCount} entries: this node is behind) had entries after its previous
     * position trimmed away before this read. XREAD from a trimmed id silently starts at the oldest entry left, so
     * this is the only way a connected node learns it skipped some. A read that came back short reached the end of
     * the stream, and a stream trimmed past the position holds at least {@code MAXLEN} entries after it, so only
     * full reads need asking (given the writers' {@code MAXLEN} is at least this node's {@code readCount}). Asks on
     * the control connection, bounded by the command timeout, while reading waits.
     */
    private boolean trimmedUnread(Links on, Map<Cursor, Position> before, Map<Cursor, Integer> counts) throws Exception {
        boolean lost = false;
        for (Map.Entry<Cursor, Integer> read : counts.entrySet()) {
            Position from = before.get(read.getKey());
            if (read.getValue() < settings.readCount() || from == null || from.lastId() == null) {
                continue;
            }
            if (GapCheck.lostAfter(on.control().async(), read.getKey().key, from.lastId(), from.lastIsEntry(), false,
                    settings.commandTimeout())) {
                lagged.log("stream {}: this node fell more than MAXLEN ~ behind and entries it had not read were trimmed;"
                        + " reading on from the oldest left", read.getKey().key);
                lost = true;
            }
        }
        return lost;
    }

    /** A cursor's position before a read. */
    private record Position(@Nullable String lastId, boolean lastIsEntry) {
    }

    /** From the dispatcher thread; a transport closing meanwhile has nothing left to resume. */
    private void resumeIfPausedLater() {
        try {
            control.execute(this::resumeIfPaused);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the control thread has stopped
        }
    }

    private void resumeIfPaused() {
        if (paused && dispatcher.pendingBatches() < MAX_PENDING_BATCHES) {
            paused = false;
            readNext();
        }
    }

    /** Ends a blocked XREAD so the next one reads the current set of streams; retried until it took effect. */
    private void wake() {
        Links on = links;
        if (on == null) {
            return;
        }
        if (!reading) {
            cancelIdleProbe();
            readNext();
            return;
        }
        deadlines.within(on.control().async().clientUnblock(on.readClientId(), UnblockType.TIMEOUT),
                        settings.commandTimeout().toMillis(), "CLIENT UNBLOCK")
                .whenCompleteAsync((unblocked, failure) -> {
                    if (failure != null) {
                        connectionLost.accept(on, failure);
                    } else if (unblocked == 0 && links == on && reading) {
                        control.schedule(this::wake, 1, TimeUnit.MILLISECONDS); // the XREAD had not arrived yet
                    }
                }, control);
    }

    /** With nothing to read, PING the read connection every block timeout so a dead one is still noticed. */
    private void scheduleIdleProbe(Links on) {
        cancelIdleProbe();
        idleProbe = control.schedule(() -> {
            idleProbe = null;
            deadlines.within(on.read().async().ping(), settings.commandTimeout().toMillis(), "PING")
                    .whenCompleteAsync((pong, failure) -> {
                        if (failure != null) {
                            connectionLost.accept(on, failure);
                        } else if (links == on && !reading && idleProbe == null) {
                            readNext();
                        }
                    }, control);
        }, settings.blockTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelIdleProbe() {
        if (idleProbe != null) {
            idleProbe.cancel(false);
            idleProbe = null;
        }
    }

    private String channelOf(byte[] streamKey) {
        return new String(streamKey, StandardCharsets.UTF_8).substring(settings.keys().prefix().length());
    }

    /** The entry's fields as text, in order, or null (logged, rarely) when one is not UTF-8. */
    private @Nullable Map<String, String> fields(StreamMessage<byte[], byte[]> entry) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (Map.Entry<byte[], byte[]> field : entry.getBody().entrySet()) {
                fields.put(utf8(field.getKey()), utf8(field.getValue()));
            }
        } catch (CharacterCodingException e) {
            malformed.log("dropped stream entry {} of {}: a field is not UTF-8", entry.getId(),
                    new String(entry.getStream(), StandardCharsets.UTF_8));
            return null;
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** A text message's payload: an entry of exactly one field, {@code payload}; else null, logged rarely. */
    private @Nullable String payload(StreamMessage<byte[], byte[]> entry, Map<String, String> fields) {
        String payload = fields.size() == 1 ? fields.get(PAYLOAD_FIELD) : null;
        if (payload == null) {
            malformed.log("dropped stream entry {} of {}: it must hold exactly one field, 'payload'", entry.getId(),
                    new String(entry.getStream(), StandardCharsets.UTF_8));
        }
        return payload;
    }

    private static String utf8(byte[] raw) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
    }
}
