package io.siocluster.tck.cluster;

import static org.awaitility.Awaitility.await;

import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.InboundNotification;
import io.siocluster.core.codec.InlineNotification;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.spi.Transport;
import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Listens on a namespace channel and notes when each message arrived, from whom and of what type. */
public final class ChannelTap {

    /** The {@code index}-th message seen on the channel. */
    public record Heard(int index, long nanos, String uid, MessageType type) {
    }

    private final ProtocolCodec codec = ProtocolCodec.createDefault();
    private final List<Heard> heard = new ArrayList<>();

    ChannelTap(Transport transport, String channel) {
        Stages.join(transport.messaging().subscribe(channel, (ch, payload) -> onMessage(payload)).ready());
    }

    private void onMessage(String payload) {
        long now = System.nanoTime();
        InboundNotification notification;
        try {
            notification = codec.decodeNotification(payload, "/");
        } catch (MessageDecodeException e) {
            return; // not a message: nothing to note
        }
        MessageType type = notification instanceof InlineNotification inline ? inline.envelope().type()
                : ((AttachmentHeader) notification).type();
        synchronized (heard) {
            heard.add(new Heard(heard.size(), now, notification.uid(), type));
        }
    }

    /** The first message after {@code previous} (or from the start, when null) that matches, once it arrives. */
    public Heard awaitNext(String rule, Heard previous, Predicate<Heard> matching) {
        int from = previous == null ? 0 : previous.index() + 1;
        await(rule).atMost(TckTimeouts.delivery()).pollInterval(Duration.ofMillis(2))
                .until(() -> find(from, matching).isPresent());
        return find(from, matching).orElseThrow();
    }

    /** The latest message seen, if any. */
    public Optional<Heard> last() {
        synchronized (heard) {
            return heard.isEmpty() ? Optional.empty() : Optional.of(heard.get(heard.size() - 1));
        }
    }

    private Optional<Heard> find(int from, Predicate<Heard> matching) {
        synchronized (heard) {
            return heard.subList(Math.min(from, heard.size()), heard.size()).stream().filter(matching).findFirst();
        }
    }
}
