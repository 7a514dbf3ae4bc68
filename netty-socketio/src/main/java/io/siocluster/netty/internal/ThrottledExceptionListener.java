package io.siocluster.netty.internal;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.listener.ExceptionListenerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception listener the binding installs in place of netty-socketio's {@code DefaultExceptionListener}, which
 * logs every failure at ERROR with a stack trace (8 bad packets made 868 lines). Here every failure is counted by
 * kind and logged at most {@value #LINES_PER_MINUTE} times a minute per kind, each line saying how many were held
 * back:
 *
 * <ul>
 *   <li>a bad packet from a client: one WARN line naming the rule it broke, never the client's bytes nor an
 *       exception message (which can quote them);</li>
 *   <li>a connection error (a reset, a closed socket): DEBUG only, clients do that;</li>
 *   <li>an exception from one of the application's listeners: ERROR with its stack trace, since it is a bug to
 *       find (the event's arguments are not logged).</li>
 * </ul>
 */
public final class ThrottledExceptionListener extends ExceptionListenerAdapter {

    /** What failed. */
    public enum Kind {
        /** A client sent a packet the server refuses (malformed, or over a limit). */
        BAD_PACKET,
        /** A client's connection failed (reset, closed). */
        CONNECTION,
        /** An application listener threw: event, connect, disconnect, ping/pong or auth listeners. */
        LISTENER,
        /** Anything else that reached netty-socketio's pipeline. */
        OTHER
    }

    static final int LINES_PER_MINUTE = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ThrottledExceptionListener.class);

    private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, LogThrottle> throttles = new EnumMap<>(Kind.class);

    public ThrottledExceptionListener() {
        this(System::nanoTime);
    }

    ThrottledExceptionListener(LongSupplier nanoClock) {
        for (Kind kind : Kind.values()) {
            counts.put(kind, new LongAdder());
            throttles.put(kind, new LogThrottle(LINES_PER_MINUTE, Duration.ofMinutes(1), nanoClock));
        }
    }

    /** How many failures of this kind were seen. */
    public long count(Kind kind) {
        return counts.get(kind).sum();
    }

    @Override
    public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
        Object from = ctx.channel().remoteAddress();
        if (e instanceof BadClientPacketException || e instanceof DecoderException) {
            // our message names a rule, never the client's bytes; Netty's decoders may quote input, so only their type
            String rule = e instanceof BadClientPacketException ? e.getMessage() : typeNames(e);
            long held = admit(Kind.BAD_PACKET);
            if (held != LogThrottle.HOLD) {
                LOG.warn("refused a packet from Socket.IO client {}: {} ({} so far, {} not logged since the last line)",
                        from, rule, count(Kind.BAD_PACKET), held);
            }
        } else if (e instanceof IOException) {
            admit(Kind.CONNECTION);
            LOG.debug("connection error from Socket.IO client {}: {}", from, e.getClass().getName());
        } else {
            long held = admit(Kind.OTHER);
            if (held != LogThrottle.HOLD) {
                LOG.warn("failure while reading from Socket.IO client {}: {} ({} so far, {} not logged since the last line)",
                        from, typeNames(e), count(Kind.OTHER), held);
            }
        }
        return true;
    }

    @Override
    public void onEventException(Exception e, List<Object> args, SocketIOClient client) {
        listenerFailed("an event", e, client);
    }

    @Override
    public void onDisconnectException(Exception e, SocketIOClient client) {
        listenerFailed("a disconnect", e, client);
    }

    @Override
    public void onConnectException(Exception e, SocketIOClient client) {
        listenerFailed("a connect", e, client);
    }

    @Override
    public void onPingException(Exception e, SocketIOClient client) {
        listenerFailed("a ping", e, client);
    }

    @Override
    public void onPongException(Exception e, SocketIOClient client) {
        listenerFailed("a pong", e, client);
    }

    @Override
    public void onAuthException(Throwable e, SocketIOClient client) {
        listenerFailed("an auth token", e, client);
    }

    private void listenerFailed(String which, Throwable e, SocketIOClient client) {
        long held = admit(Kind.LISTENER);
        if (held != LogThrottle.HOLD) {
            LOG.error("{} listener failed for Socket.IO client {} ({} so far, {} not logged since the last line)",
                    which, client.getSessionId(), count(Kind.LISTENER), held, e);
        }
    }

    /** The exception's type and its cause's: what failed, without messages that may quote a client's bytes. */
    private static String typeNames(Throwable e) {
        Throwable cause = e.getCause();
        return cause == null || cause == e ? e.getClass().getName()
                : e.getClass().getName() + " caused by " + cause.getClass().getName();
    }

    private long admit(Kind kind) {
        counts.get(kind).increment();
        return throttles.get(kind).admit();
    }
}
