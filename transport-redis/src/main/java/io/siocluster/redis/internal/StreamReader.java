package io.siocluster.redis.internal;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.siocluster.spi.error.TransportClosedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the subscribed streams with blocking {@code XREAD}s, from each stream's last id, and hands the entries
 * to the dispatcher. Standalone, one XREAD at a time reads every stream on the one read connection; on a Redis
 * Cluster, which refuses a multi-key command across hash slots, the streams are read in groups, one per slot,
 * each with its own XREAD on a connection of its own (Lettuce routes it to the slot's primary and follows
 * {@code MOVED}/{@code ASK}). Everything here runs in the control thread's turn ({@link ControlThread}), so
 * cursors need no locks of their own: on the control thread, or where an XREAD answer arrives, on Lettuce's thread,
 * when the turn is free and nothing in the answer needs a blocking command (the next XREAD is then written there
 * too, without waking another thread); else the answer hops to the control thread. When the streams of a group change, its blocked XREAD is ended (standalone:
 * {@code CLIENT UNBLOCK} from the control connection; cluster: the group's connection is replaced) and the
 * next one reads the new set. While the dispatcher is behind, reading pauses: entries wait in Redis, not in
 * memory.
 */
final class StreamReader {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
    private static final String PAYLOAD_FIELD = "payload";
    private static final int MAX_PENDING_BATCHES = 8;
    /** After a redirect (a slot moving between cluster nodes, see {@link #redirect}): read again this soon. */
    private static final long TRY_AGAIN_MILLIS = 100;
    /** Redirects in a row (10 s of them) after which the slot counts as unreachable: DOWN, reconnect. */
    private static final int MAX_REDIRECTS = 100;
    /**
     * How often reads are checked against their deadlines. A read's deadline is seconds away, so a coarse check
     * costs a few wake-ups a second where a timer task per read cost one per read: the answer's thread would have
     * to cancel it, and arming it from a Lettuce thread wakes the control thread.
     */
    private static final long READ_CHECK_MILLIS = 200;
    /** The most payload bytes an answer may hold to be handled on the I/O thread it arrived on. */
    private static final long IN_PLACE_BYTES = 256 * 1024;

    private final Settings settings;
    private final ControlThread control;
    private final Dispatcher dispatcher;
    private final BiConsumer<Links, Throwable> connectionLost;
    private final Runnable lostWhileUp;
    private final RareLog lagged = new RareLog(LOG);
    private final RareLog malformed = new RareLog(LOG);
    private final RareLog migrating = new RareLog(LOG);
    private final Deadlines deadlines;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    /** The streams read together, by hash slot (standalone: all in slot 0). */
    private final Map<Integer, Group> groups = new LinkedHashMap<>();
    private @Nullable Links links;
    /**
     * Set (in the control thread's turn) while reading waits for the dispatcher to catch up; the dispatcher hops back here
     * after a batch only while it is set, so a reader that keeps up costs no extra wake-up per batch.
     */
    private volatile boolean paused;
    private @Nullable ScheduledFuture<?> idleProbe;

    /** The streams of one slot and the connection reading them, one XREAD at a time. */
    private static final class Group {
        final int slot;
        Links.@Nullable ReadLink link;
        boolean opening;
        boolean reading;
        /** Reads in a row that failed with a redirect. */
        int redirects;
        /** While reading: when the read counts as lost ({@link System#nanoTime()}), and its time limit. */
        long readDeadline;
        long readMillis;
        /**
         * Set where the read's answer arrives, outside the turn: an answer on time that waits for the turn (behind a
         * long control task) must not then count as late.
         */
        volatile boolean answered;

        Group(int slot) {
            this.slot = slot;
        }
    }

    StreamReader(Settings settings, ControlThread control, Dispatcher dispatcher,
            BiConsumer<Links, Throwable> connectionLost, Runnable lostWhileUp) {
        this.settings = settings;
        this.lostWhileUp = lostWhileUp;
        this.control = control;
        this.dispatcher = dispatcher;
        this.connectionLost = connectionLost;
        this.deadlines = new Deadlines(control);
        control.scheduleWithFixedDelay(this::checkReadDeadlines, READ_CHECK_MILLIS, READ_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    long malformedEntries() {
        return malformed.count();
    }

    // ---- subscriptions (in the control thread's turn) ---------------------------------------------------

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
            wake(cursor);
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

    // ---- connection changes (in the control thread's turn) ----------------------------------------------

    /** Whether any stream lost entries this node had not read, checked on the new connections. */
    boolean gapSince(Links fresh, boolean restarted) throws Exception {
        boolean gap = false;
        for (Cursor cursor : cursors.values()) {
            if (GapCheck.lostEntries(fresh.streams(), cursor, restarted, settings.commandTimeout())) {
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

    /** The links are gone (the core closes them, and with them every group's connection). */
    void disconnected() {
        links = null;
        groups.clear();
        paused = false;
        cancelIdleProbe();
    }

    // ---- reading (in the control thread's turn) ----------------------------------------------------------

    /** Learns the newest id of a new stream (or {@code 0-0}): what is added after it is this node's to read. */
    private void startAsync(Links on, Cursor cursor) {
        deadlines.within(on.streams().xrevrange(cursor.key, Range.unbounded(), Limit.from(1)),
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
                    wake(cursor);
                }, control);
    }

    /** Starts a read in every group that is not reading, after forming the groups the started streams need. */
    private void readNext() {
        Links on = links;
        if (on == null) {
            return;
        }
        Set<Integer> slots = new HashSet<>();
        for (Cursor cursor : cursors.values()) {
            if (cursor.started()) {
                slots.add(on.slotOf(cursor.key));
            }
        }
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group group = it.next();
            if (!slots.contains(group.slot)) {
                it.remove(); // no stream of its slot is read any more
                release(on, group);
            }
        }
        if (slots.isEmpty()) {
            scheduleIdleProbe(on);
            return;
        }
        cancelIdleProbe();
        for (int slot : slots) {
            readNext(on, groups.computeIfAbsent(slot, Group::new));
        }
    }

    private void readNext(Links on, Group group) {
        if (group.reading || group.opening) {
            return;
        }
        if (dispatcher.pendingBatches() >= MAX_PENDING_BATCHES) {
            paused = true;
            // Checked again after the flag is set: a batch finishing before this saw no flag and did not hop back,
            // one finishing after it hops back and resumes (both volatile, so one of the two sees the other). If one
            // finished in between, read on and leave the flag (another group may have set it): the resume it brings
            // finds nothing to do but clear it.
            if (dispatcher.pendingBatches() >= MAX_PENDING_BATCHES) {
                return;
            }
        }
        Links.ReadLink link = group.link;
        if (link == null) {
            group.opening = true;
            // On the control thread (this may run where an answer arrived): opening may resolve a name.
            if (!control.queue(() -> openReader(on, group))) {
                group.opening = false;
            }
            return;
        }
        List<StreamOffset<byte[]>> offsets = new ArrayList<>();
        for (Cursor cursor : cursors.values()) {
            if (cursor.started() && on.slotOf(cursor.key) == group.slot) {
                offsets.add(StreamOffset.from(cursor.key.getBytes(StandardCharsets.UTF_8), cursor.lastId));
            }
        }
        if (offsets.isEmpty()) {
            return; // readNext() removes the group
        }
        group.reading = true;
        group.answered = false;
        long block = settings.blockTimeout().toMillis();
        @SuppressWarnings("unchecked")
        StreamOffset<byte[]>[] streams = offsets.toArray(new StreamOffset[0]);
        // An answer may hold entries up to maxPayloadBytes: allow a second per MiB of that to arrive.
        long slack = settings.maxPayloadBytes() / (1024 * 1024) * 1000L;
        group.readMillis = block + settings.commandTimeout().toMillis() + slack;
        group.readDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(group.readMillis);
        link.streams().xread(new XReadArgs().block(block).count(settings.readCount()), streams)
                .whenComplete((entries, failure) -> answered(on, group, link, entries, failure));
    }

    /** On the control thread: a connection for {@code group}'s reads (cluster: one per slot), then its first read. */
    private void openReader(Links on, Group group) {
        if (links != on || groups.get(group.slot) != group) {
            group.opening = false; // reconnected or no longer read meanwhile
            return;
        }
        deadlines.within(on.openReader(), settings.commandTimeout().toMillis(), "connect")
                .whenCompleteAsync((opened, failure) -> {
                    group.opening = false;
                    if (links != on || groups.get(group.slot) != group) {
                        if (opened != null) {
                            on.release(opened); // reconnected or no longer read meanwhile
                        }
                        return;
                    }
                    if (failure != null) {
                        connectionLost.accept(on, failure);
                        return;
                    }
                    group.link = opened;
                    readNext(on, group);
                }, control);
    }

    /**
     * An XREAD's answer, on the thread it arrived on (Lettuce's). Handled right there when the control thread's
     * turn is free and it needs no blocking command (a failure may, and a full read asks whether entries were
     * trimmed); else handled on the control thread.
     */
    private void answered(Links on, Group group, Links.ReadLink link, @Nullable List<StreamMessage<byte[], byte[]>> entries,
            @Nullable Throwable failure) {
        group.answered = true;
        Runnable handle = () -> onRead(on, group, link, entries, failure);
        if (failure == null && (entries == null || (entries.size() < settings.readCount() && small(entries)))) {
            control.runHereOrQueue(handle);
        } else {
            control.queue(handle);
        }
    }

    /**
     * Whether an answer's entries are small enough to decode on the I/O thread it arrived on (larger ones go to the
     * control thread, so Lettuce's thread is soon free for other connections' answers).
     */
    private static boolean small(List<StreamMessage<byte[], byte[]>> entries) {
        long bytes = 0;
        for (StreamMessage<byte[], byte[]> entry : entries) {
            for (byte[] value : entry.getBody().values()) {
                bytes += value.length;
            }
        }
        return bytes <= IN_PLACE_BYTES;
    }

    /** On the control thread, every {@link #READ_CHECK_MILLIS}: a read not answered in time is a lost connection. */
    private void checkReadDeadlines() {
        try {
            checkReadDeadlinesNow();
        } catch (RuntimeException e) { // a periodic task that throws is never run again
            LOG.warn("checking the Redis reads' deadlines failed", e);
        }
    }

    private void checkReadDeadlinesNow() {
        Links on = links;
        if (on == null) {
            return;
        }
        long now = System.nanoTime();
        for (Group group : groups.values()) {
            if (group.reading && !group.answered && group.link != null && now - group.readDeadline > 0) {
                connectionLost.accept(on, new TimeoutException(
                        "XREAD: no answer from Redis within " + group.readMillis + " ms"));
                return;
            }
        }
    }

    private void onRead(Links on, Group group, Links.ReadLink link, @Nullable List<StreamMessage<byte[], byte[]>> entries,
            @Nullable Throwable failure) {
        if (links != on || group.link != link) {
            return; // reconnected, or the group's connection was replaced to read another set of streams
        }
        group.reading = false;
        if (failure != null) {
            String redirect = redirect(failure);
            if (redirect != null && ++group.redirects <= MAX_REDIRECTS) {
                migrating.log("stream slot {} is moving between Redis Cluster nodes ({}): reading it again shortly",
                        group.slot, redirect);
                if (!redirect.equals("TRYAGAIN")) {
                    on.slotsMoved();
                }
                control.schedule((Runnable) this::readNext, TRY_AGAIN_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            connectionLost.accept(on, failure);
            return;
        }
        group.redirects = 0;
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
            try {
                dispatcher.deliver(batch, this::resumeIfPausedLater);
            } catch (Error e) { // thrown by a listener taking an offer here: the entries are gone, reading goes on
                LOG.error("a listener failed with an Error while taking entries of a stream read; they are lost", e);
            }
        }
        readNext();
    }

    /**
     * The redirect a read failed with, or null. {@code TRYAGAIN}: during a slot's migration the source refuses a
     * multi-key command when only some of its keys are still there. {@code MOVED}/{@code ASK} that Lettuce did not
     * follow (a blocked XREAD whose slot moved away is answered {@code MOVED}): the slot map is stale. Either way the
     * connection is fine and the slot is read again shortly, on a refreshed map.
     */
    private static @Nullable String redirect(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = t instanceof RedisCommandExecutionException ? t.getMessage() : null;
        if (message == null) {
            return null;
        }
        for (String redirect : List.of("TRYAGAIN", "MOVED", "ASK")) {
            if (message.startsWith(redirect + " ") || message.equals(redirect)) {
                return redirect;
            }
        }
        return null;
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
            if (GapCheck.lostAfter(on.streams(), read.getKey().key, from.lastId(), from.lastIsEntry(), false,
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

    /**
     * After each batch, on the dispatcher thread or where it was offered in place; a transport closing meanwhile has
     * nothing left to resume.
     */
    private void resumeIfPausedLater() {
        if (paused) {
            control.runHereOrQueue(this::resumeIfPaused); // else reading goes on by itself: no thread need wake
        }
    }

    private void resumeIfPaused() {
        if (paused && dispatcher.pendingBatches() < MAX_PENDING_BATCHES) {
            paused = false;
            readNext();
        }
    }

    /**
     * The streams of {@code changed}'s group changed: ends its blocked XREAD so the next one reads the current
     * set (standalone: {@code CLIENT UNBLOCK}, retried until it took effect; cluster: a new connection).
     */
    private void wake(Cursor changed) {
        Links on = links;
        if (on == null) {
            return;
        }
        Group group = groups.get(on.slotOf(changed.key));
        if (group == null || !group.reading) {
            readNext();
            return;
        }
        if (on.cluster()) {
            release(on, group);
            readNext();
            return;
        }
        deadlines.within(on.unblockReader(), settings.commandTimeout().toMillis(), "CLIENT UNBLOCK")
                .whenCompleteAsync((unblocked, failure) -> {
                    if (failure != null) {
                        connectionLost.accept(on, failure);
                    } else if (unblocked == 0 && links == on && group.reading) {
                        control.schedule(() -> wake(changed), 1, TimeUnit.MILLISECONDS); // the XREAD had not arrived yet
                    }
                }, control);
    }

    /** Closes a group's connection (cluster), ending its XREAD, whose answer is then ignored. */
    private static void release(Links on, Group group) {
        Links.ReadLink link = group.link;
        group.link = null;
        group.reading = false;
        if (link != null) {
            on.release(link);
        }
    }

    /** With nothing to read, PING every block timeout so a dead connection is still noticed. */
    private void scheduleIdleProbe(Links on) {
        cancelIdleProbe();
        idleProbe = control.schedule(() -> {
            idleProbe = null;
            deadlines.within(on.probe(), settings.commandTimeout().toMillis(), "PING")
                    .whenCompleteAsync((pong, failure) -> {
                        if (failure != null) {
                            connectionLost.accept(on, failure);
                        } else if (links == on && groups.isEmpty() && idleProbe == null) {
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
        Map<String, String> fields = new LinkedHashMap<>(8);
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

    /**
     * The text of a field. {@code new String} is the JDK's fast path but replaces bytes that are not UTF-8 with
     * U+FFFD; only a text holding U+FFFD (rare: a real one, or a replacement) is decoded again strictly to tell which.
     */
    private static String utf8(byte[] raw) throws CharacterCodingException {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
        }
        return text;
    }
}
