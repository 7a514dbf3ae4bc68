package io.siocluster.netty;

import org.jspecify.annotations.Nullable;

/** The answer to a server-side event, for a sender that waits for one ({@code serverSideEmitWithAck}). */
public interface ServerSideAck {

    /** Whether the sender waits for an answer; if not, {@link #send} does nothing. */
    boolean isRequested();

    /**
     * Sends this server's answer (one value: null, Boolean, Number, String, byte[], List, Map, or an object the
     * server's JSON support can write). Only the first call counts, across all handlers of the event.
     */
    void send(@Nullable Object answer);
}
