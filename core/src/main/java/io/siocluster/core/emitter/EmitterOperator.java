package io.siocluster.core.emitter;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.EventNames;
import io.siocluster.core.protocol.Rooms;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.SocketsJoin;
import io.siocluster.core.protocol.SocketsLeave;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** A target (rooms, exceptions, flags) for an {@link Emitter}'s next operation. Immutable: each call returns a new one. */
public final class EmitterOperator {

    /** Event names Socket.IO reserves for itself; emitting them would confuse clients. */
    public static final Set<String> RESERVED_EVENTS = EventNames.RESERVED;

    private final Emitter emitter;
    private final List<String> rooms;
    private final List<String> except;
    private final BroadcastFlags flags;

    EmitterOperator(Emitter emitter, List<String> rooms, List<String> except, BroadcastFlags flags) {
        this.emitter = emitter;
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    public EmitterOperator to(String... more) {
        return new EmitterOperator(emitter, Rooms.union(rooms, more), except, flags);
    }

    public EmitterOperator in(String... more) {
        return to(more);
    }

    public EmitterOperator except(String... more) {
        return new EmitterOperator(emitter, rooms, Rooms.union(except, more), flags);
    }

    public EmitterOperator volatileFlag() {
        return new EmitterOperator(emitter, rooms, except, flags.toBuilder().volatileFlag(true).build());
    }

    public EmitterOperator compress(boolean compress) {
        return new EmitterOperator(emitter, rooms, except, flags.toBuilder().compress(compress).build());
    }

    /**
     * Sends an event to the targeted sockets.
     *
     * @throws IllegalArgumentException for a reserved event name (see {@link #RESERVED_EVENTS})
     */
    public CompletionStage<Void> emit(String event, @Nullable Object... args) {
        EventNames.requireEmittable(event);
        return emitter.send(Broadcast.of(BroadcastPacket.event(event, args), options()));
    }

    public CompletionStage<Void> socketsJoin(String... joined) {
        return emitter.send(new SocketsJoin(options(), List.of(joined)));
    }

    public CompletionStage<Void> socketsLeave(String... left) {
        return emitter.send(new SocketsLeave(options(), List.of(left)));
    }

    public CompletionStage<Void> disconnectSockets(boolean close) {
        return emitter.send(new DisconnectSockets(options(), close));
    }

    /** Sends to the servers' server-side handlers; rooms and flags do not apply. */
    public CompletionStage<Void> serverSideEmit(String event, @Nullable Object... args) {
        EventNames.requireEmittable(event);
        return emitter.send(ServerSideEmit.of(event, args));
    }

    private BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, flags);
    }
}
