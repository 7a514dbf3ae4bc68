package io.siocluster.netty.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flushes a channel once per event-loop turn instead of once per packet.
 *
 * <p>netty-socketio sends every packet to every client with its own {@code writeAndFlush}: a broadcast costs one
 * {@code write} system call per client per message, even when the same turn of the event loop writes several
 * messages to the same client (a burst from a sender, a batch of messages from the other nodes). Here a flush is
 * held back: during a read of this channel until the read completes (as Netty's {@code FlushConsolidationHandler}
 * does), otherwise until the end of the current batch of tasks, when one task per event loop flushes every channel
 * of that loop that asked for it. Writes keep their order, promises complete after the flush that sends their
 * bytes, and nothing waits for a timer. One instance per channel; its methods run on the channel's event loop.
 *
 * <p>It sits between the TLS handler (if any) and the HTTP codec, so that TLS encrypts what a turn wrote at once.
 */
public final class FlushPerTurn extends ChannelDuplexHandler {

    /** The handler's name in the pipeline. */
    public static final String NAME = "flushPerTurn";

    private static final FastThreadLocal<Batch> BATCH = new FastThreadLocal<>() {
        @Override
        protected Batch initialValue() {
            return new Batch();
        }
    };

    private boolean reading;
    private boolean pending;

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (pending) {
            return; // already due: at the end of the read, or in this loop's batch
        }
        pending = true;
        if (!reading) {
            BATCH.get().add(this, ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        flushNow(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            flushNow(ctx); // whoever waits for writability must see the held bytes go out
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        flushNow(ctx);
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        flushNow(ctx);
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        flushNow(ctx);
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        flushNow(ctx);
    }

    private void flushNow(ChannelHandlerContext ctx) {
        if (pending) {
            pending = false;
            ctx.flush();
        }
    }

    /**
     * The channels of one event loop whose flush waits for the end of the current batch of tasks. Confined to
     * its loop's thread; one task per loop per batch, however many channels.
     */
    private static final class Batch implements Runnable {

        private List<FlushPerTurn> handlers = new ArrayList<>();
        private List<ChannelHandlerContext> contexts = new ArrayList<>();
        private List<FlushPerTurn> spareHandlers = new ArrayList<>();
        private List<ChannelHandlerContext> spareContexts = new ArrayList<>();
        private boolean scheduled;

        void add(FlushPerTurn handler, ChannelHandlerContext ctx) {
            if (!scheduled) {
                try {
                    ctx.executor().execute(this); // on the loop already: queued without a wake-up
                } catch (RejectedExecutionException e) {
                    handler.flushNow(ctx); // the loop is shutting down: no later turn to wait for
                    return;
                }
                scheduled = true;
            }
            handlers.add(handler);
            contexts.add(ctx);
        }

        @Override
        public void run() {
            scheduled = false;
            List<FlushPerTurn> due = handlers;
            List<ChannelHandlerContext> dueContexts = contexts;
            // a flush may complete promises whose listeners write and flush again: those go to the next batch
            handlers = spareHandlers;
            contexts = spareContexts;
            try {
                for (int i = 0; i < due.size(); i++) {
                    due.get(i).flushNow(dueContexts.get(i));
                }
            } finally {
                due.clear();
                dueContexts.clear();
                spareHandlers = due;
                spareContexts = dueContexts;
            }
        }
    }
}
