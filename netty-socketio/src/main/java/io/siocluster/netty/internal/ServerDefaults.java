package io.siocluster.netty.internal;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server settings a clustered netty-socketio server gets by default, so that it behaves like a Node Socket.IO
 * server in the same cluster and is fast without tuning. Every entry point that clusters a {@link Configuration}
 * calls {@link #apply(Configuration)} once; the user changes any of them on the configuration afterwards.
 *
 * <ul>
 *   <li><b>WebSocket compression off</b> (netty-socketio: on; Node: {@code perMessageDeflate: false}). Deflating
 *       every frame for every client made a clustered server 4-8x slower than Node on small messages.</li>
 *   <li><b>One message up to {@value #NODE_MAX_MESSAGE_BYTES} bytes</b>, Node's {@code maxHttpBufferSize}, as
 *       {@code maxFramePayloadLength} and {@code maxHttpContentLength} (netty-socketio: 65,536), so that Java and
 *       Node nodes accept the same events. Only limits still at netty-socketio's default are raised.</li>
 *   <li><b>One worker event loop per core</b>, when {@code workerThreads} is still netty-socketio's 0 (Netty then
 *       starts twice the core count). A message for clients spread over N loops wakes up to N loops; loops beyond
 *       the cores cannot run at once anyway, so they add wake-ups, not throughput. Measured (benchmarks/PROFILE.md,
 *       ninth round): 2 loops instead of 4 on 2 cores cost the loops 15-20 % less CPU at 500 msgs/s to 2x20
 *       clients, with half the context switches.</li>
 *   <li><b>{@link ThrottledExceptionListener}</b> in place of netty-socketio's {@code DefaultExceptionListener},
 *       which logs every bad packet at ERROR with stack traces; a listener the user set is kept.</li>
 *   <li><b>Netty's object recycler off</b> ({@value #RECYCLER_PROPERTY}{@code =0}), unless that system property is
 *       set already. A clustered server writes each message from one thread to clients served by others, and the
 *       recycler's pooled objects (write tasks, buffer handles, buffer-cache entries) then go back to their pool
 *       across threads through a queue: the profile at 2x20 clients showed that queue and the pool's claims as
 *       the two costliest frames of the server's own code. Off, the end-to-end benchmark measured 5 % less server
 *       CPU per message at a fixed 2,000 msgs/s and 15 % less, 6 % more messages, when saturated (README). Netty
 *       reads the property once, when its {@code Recycler} class is first used: a JVM that used Netty before the
 *       cluster was attached keeps the recycler on (then set it on the command line). It is a JVM-wide setting,
 *       as Elasticsearch, for one, sets it for its own Netty transport.</li>
 * </ul>
 */
public final class ServerDefaults {

    /** Node's {@code maxHttpBufferSize}: the largest message a client may send. */
    public static final int NODE_MAX_MESSAGE_BYTES = 1_000_000;
    /** netty-socketio 2.0.14's default for both of its message limits. */
    static final int NETTY_SOCKETIO_DEFAULT_LIMIT = 64 * 1024;
    /** The system property with which Netty sizes (and, at 0, turns off) its per-thread object pools. */
    static final String RECYCLER_PROPERTY = "io.netty.recycler.maxCapacityPerThread";

    private static final Logger LOG = LoggerFactory.getLogger(ServerDefaults.class);

    private ServerDefaults() {
    }

    /** Applies the defaults above to a configuration not yet given to a {@code SocketIOServer}; logs once what changed. */
    public static void apply(Configuration configuration) {
        List<String> changed = new ArrayList<>();
        if (configuration.isWebsocketCompression()) {
            configuration.setWebsocketCompression(false);
            changed.add("websocket compression off (setWebsocketCompression(true) turns it back on)");
        }
        if (configuration.getMaxFramePayloadLength() == NETTY_SOCKETIO_DEFAULT_LIMIT) {
            configuration.setMaxFramePayloadLength(NODE_MAX_MESSAGE_BYTES);
            changed.add("maxFramePayloadLength " + NODE_MAX_MESSAGE_BYTES);
        }
        if (configuration.getMaxHttpContentLength() == NETTY_SOCKETIO_DEFAULT_LIMIT) {
            configuration.setMaxHttpContentLength(NODE_MAX_MESSAGE_BYTES);
            changed.add("maxHttpContentLength " + NODE_MAX_MESSAGE_BYTES);
        }
        if (configuration.getWorkerThreads() == 0) {
            int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
            configuration.setWorkerThreads(workers);
            changed.add("workerThreads " + workers + " (one per core)");
        }
        if (configuration.getExceptionListener().getClass() == DefaultExceptionListener.class) {
            configuration.setExceptionListener(new ThrottledExceptionListener());
            changed.add("a throttled exception listener that never logs client payloads");
        }
        if (System.getProperty(RECYCLER_PROPERTY) == null) {
            System.setProperty(RECYCLER_PROPERTY, "0");
            changed.add("Netty's object recycler off, if Netty was not in use yet (-D" + RECYCLER_PROPERTY
                    + "=4096 on the command line keeps Netty's default)");
        }
        if (!changed.isEmpty()) {
            LOG.info("sio-cluster set Node's server defaults: {}. Set another value on the Configuration after "
                    + "SocketIOCluster.attach and before new SocketIOServer(...) to change one.", String.join("; ", changed));
        }
    }
}
