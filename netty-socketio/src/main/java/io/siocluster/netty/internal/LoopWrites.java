package io.siocluster.netty.internal;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one broadcast to its websocket clients with one task per event loop instead of one per client.
 *
 * <p>netty-socketio's {@code send} queues the packet on the client and calls {@code writeAndFlush} on its channel;
 * from a thread that is not the channel's event loop (the transport's delivery thread, which delivers every message
 * from the other nodes) that {@code writeAndFlush} becomes a task of its own on the loop: one task object, one
 * queue offer and possibly one wake-up per client per message, and the write task's pooled object recycled on
 * another thread than the one that took it (Netty's {@code Recycler} and the event loops' task queues were the
 * top frames of the server's own code in the profile at 2x20 clients; measured A/B, this class saved 1-3 % of the
 * CPU per message, benchmarks/PROFILE.md). Here the packet is queued on the client at once, as {@code send} queues it,
 * so that it keeps its place among packets sent to that client by other threads; only the write is deferred, into
 * one task per event loop that writes every client of that loop, where writes go straight down the pipeline.
 *
 * <p>Only websocket clients go this way; a client on long-polling, or where netty-socketio's client state cannot
 * be read (a future version renamed the field read here, said once at INFO), is sent to with its own
 * {@code send}, as before. One instance per broadcast, used by one thread.
 */
final class LoopWrites {

    private static final Logger LOG = LoggerFactory.getLogger(LoopWrites.class);
    private static final @Nullable VarHandle CHANNELS = handle(ClientHead.class, "channels", Map.class);
    private static final @Nullable VarHandle LEFT = handle(NamespaceClient.class, "disconnected", AtomicBoolean.class);

    private final List<LoopGroup> groups = new ArrayList<>(4);

    /** Whether netty-socketio's client state can be read here, so that websocket clients are written per loop. */
    static boolean available() {
        return CHANNELS != null && LEFT != null;
    }

    /**
     * Queues {@code packet} on {@code client} as {@link NamespaceClient#send(Packet)} does and remembers to write
     * it; false when the client must be sent to with its own {@code send} instead.
     */
    boolean add(NamespaceClient client, Packet packet) {
        ClientHead head = client.getBaseClient();
        if (!available() || head.getCurrentTransport() != Transport.WEBSOCKET) {
            return false;
        }
        Channel channel = websocketChannel(head);
        if (channel == null) {
            return false;
        }
        if (((AtomicBoolean) Objects.requireNonNull(LEFT).get(client)).get() || !head.isConnected()) {
            return true; // send() drops a packet for a client that left the namespace or is gone, and so does this
        }
        head.getPacketsQueue(Transport.WEBSOCKET)
                .add(packet.withNsp(client.getNamespace().getName(), head.getEngineIOVersion()));
        group(channel.eventLoop()).add(channel, head);
        return true;
    }

    /** Writes every client added: now for the calling thread's own loop, in one task for each other loop. */
    void write() {
        for (LoopGroup group : groups) {
            if (group.loop.inEventLoop()) {
                group.run();
            } else {
                group.loop.execute(group);
            }
        }
    }

    private LoopGroup group(EventLoop loop) {
        for (LoopGroup group : groups) {
            if (group.loop == loop) {
                return group;
            }
        }
        LoopGroup group = new LoopGroup(loop);
        groups.add(group);
        return group;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Channel websocketChannel(ClientHead head) {
        Map<Transport, TransportState> channels = (Map<Transport, TransportState>) Objects.requireNonNull(CHANNELS).get(head);
        TransportState state = channels.get(Transport.WEBSOCKET);
        return state == null ? null : state.getChannel();
    }

    private static @Nullable VarHandle handle(Class<?> owner, String field, Class<?> type) {
        try {
            return PrivateFields.handle(owner, field, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("netty-socketio's {}.{} cannot be read ({}): every client of a broadcast gets its own write task",
                    owner.getSimpleName(), field, e.toString());
            return null;
        }
    }

    /** The clients of one event loop, written by one task on that loop. */
    private static final class LoopGroup implements Runnable {

        final EventLoop loop;
        private final List<ClientWrite> writes = new ArrayList<>();

        LoopGroup(EventLoop loop) {
            this.loop = loop;
        }

        void add(Channel channel, ClientHead head) {
            writes.add(new ClientWrite(channel, head));
        }

        @Override
        public void run() {
            for (ClientWrite write : writes) {
                // the encoder drains the client's queue: an earlier write may have taken this packet already
                write.channel().writeAndFlush(new OutPacketMessage(write.head(), Transport.WEBSOCKET));
            }
        }
    }

    /** A client's websocket channel and the client whose queued packets a write on it sends. */
    private record ClientWrite(Channel channel, ClientHead head) {
    }
}
