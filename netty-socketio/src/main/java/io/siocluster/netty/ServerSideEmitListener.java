package io.siocluster.netty;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Handles an event another server sent with {@code serverSideEmit} (Socket.IO's {@code io.on(event, ...)} for
 * server-side events). Runs on the cluster's thread: hand long work to an executor of yours.
 */
@FunctionalInterface
public interface ServerSideEmitListener {

    /**
     * @param args the event's arguments
     * @param ack answers the sender when it used {@code serverSideEmitWithAck}; see {@link ServerSideAck}
     */
    void onEvent(List<@Nullable Object> args, ServerSideAck ack);
}
