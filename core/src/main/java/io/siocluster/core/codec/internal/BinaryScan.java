package io.siocluster.core.codec.internal;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.ServerSideEmitResponse;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.protocol.Values;

/** Finds binary in the free-form parts of a message; the fixed fields are strings, numbers and booleans. */
public final class BinaryScan {

    private BinaryScan() {
    }

    public static boolean holdsBinary(ClusterMessage message) {
        if (message instanceof Broadcast broadcast) {
            return Values.containsBinary(broadcast.packet().data());
        }
        if (message instanceof ServerSideEmit emit) {
            return Values.containsBinary(emit.packet());
        }
        if (message instanceof ServerSideEmitResponse response) {
            return Values.containsBinary(response.packet());
        }
        if (message instanceof BroadcastAck ack) {
            return Values.containsBinary(ack.packet());
        }
        if (message instanceof FetchSocketsResponse response) {
            for (SocketDetails socket : response.sockets()) {
                if (Values.containsBinary(socket.handshake()) || Values.containsBinary(socket.data())) {
                    return true;
                }
            }
        }
        return false;
    }
}
