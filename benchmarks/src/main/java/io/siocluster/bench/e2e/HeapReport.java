package io.siocluster.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.siocluster.spi.support.NamedThreads;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * A Java server's heap as it stood right after its latest garbage collection, young ones included (the sum over heap
 * pools of their use after that collection, as a GC log's {@code ->N M}: what survived plus old garbage not yet
 * marked), printed to standard output once a second as {@code heap-after-gc <bytes>}. A pool's own "collection
 * usage" is not enough: G1 updates its old generation's only after old collections. The runner keeps the latest value
 * ({@link ChildProcess#heapAfterGcBytes()}): a heap that grows from sample to sample across marking cycles under
 * steady load is a leak.
 */
final class HeapReport {

    static final String PREFIX = "heap-after-gc ";

    private HeapReport() {
    }

    static void start() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        AtomicLong latest = new AtomicLong(-1);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                (CompositeData) notification.getUserData());
                        latest.set(info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(pool -> heapPools.contains(pool.getKey()))
                                .mapToLong(pool -> pool.getValue().getUsed()).sum());
                    }
                }, null, null);
            }
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("bench", "heap-report"));
        timer.scheduleAtFixedRate(() -> {
            long bytes = latest.get();
            if (bytes >= 0) {
                System.out.println(PREFIX + bytes);
                System.out.flush();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }
}
