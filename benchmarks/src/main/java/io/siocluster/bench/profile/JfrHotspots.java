package io.siocluster.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads JDK Flight Recorder files and prints where CPU and allocation go: execution samples by top frame
 * (self time), by method and by package counted once per stack (inclusive), by the nearest frame of the
 * focus packages, by {@link Category} and by thread; native-method samples (threads waiting in I/O); allocation samples by class
 * and by nearest focus frame, weighted by bytes.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.siocluster.bench.profile.JfrHotspots server-1.jfr [server-2.jfr ...]
 *      [--top=15] [--focus=io.siocluster.,com.corundumstudio.]
 * </pre>
 *
 * Record with {@code -XX:StartFlightRecording=settings=profile,filename=x.jfr} (the profile settings sample
 * Java code every 10 ms per thread, native code every 20 ms).
 */
public final class JfrHotspots {

    private final int top;
    private final List<String> focus;
    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> inclusiveMethod = new HashMap<>();
    private final Map<String, Long> inclusivePackage = new HashMap<>();
    private final Map<String, Long> nearestFocus = new HashMap<>();
    private final Map<String, Long> threads = new HashMap<>();
    private final Map<String, Long> categories = new HashMap<>();
    private final Map<String, Map<String, Long>> categoryFrames = new HashMap<>();
    private final Map<String, Long> nativeTop = new HashMap<>();
    private final Map<String, Long> allocationClass = new HashMap<>();
    private final Map<String, Long> allocationSite = new HashMap<>();
    private long executionSamples;
    private long nativeSamples;
    private long allocatedBytes;
    private long gcCount;
    private double gcSeconds;
    private long compilations;
    private double compilationSeconds;
    private double jvmCpuSum;
    private double machineCpuSum;
    private long cpuLoadSamples;

    private JfrHotspots(int top, List<String> focus) {
        this.top = top;
        this.focus = focus;
    }

    public static void main(String[] args) throws IOException {
        int top = 15;
        List<String> focus = List.of("io.siocluster.", "com.corundumstudio.");
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--top=")) {
                top = Integer.parseInt(arg.substring("--top=".length()));
            } else if (arg.startsWith("--focus=")) {
                focus = List.of(arg.substring("--focus=".length()).split(","));
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: JfrHotspots recording.jfr [more.jfr ...] [--top=15] [--focus=pkg.,pkg.]");
            System.exit(2);
        }
        JfrHotspots hotspots = new JfrHotspots(top, focus);
        for (Path file : files) {
            hotspots.read(file);
        }
        hotspots.print();
    }

    private void read(Path file) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> execution(event);
                    case "jdk.NativeMethodSample" -> nativeSample(event);
                    case "jdk.ObjectAllocationSample" -> allocation(event);
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcSeconds += event.getDuration().toNanos() / 1e9;
                    }
                    case "jdk.Compilation" -> {
                        compilations++;
                        compilationSeconds += event.getDuration().toNanos() / 1e9;
                    }
                    case "jdk.CPULoad" -> {
                        cpuLoadSamples++;
                        jvmCpuSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        machineCpuSum += event.getFloat("machineTotal");
                    }
                    default -> {
                        // other events are not aggregated here
                    }
                }
            }
        }
    }

    private void execution(RecordedEvent event) {
        List<RecordedFrame> frames = frames(event);
        if (frames.isEmpty()) {
            return;
        }
        executionSamples++;
        add(self, method(frames.get(0)));
        Set<String> methods = new HashSet<>();
        Set<String> packages = new HashSet<>();
        for (RecordedFrame frame : frames) {
            methods.add(method(frame));
            packages.add(packageOf(frame));
        }
        methods.forEach(m -> add(inclusiveMethod, m));
        packages.forEach(p -> add(inclusivePackage, p));
        add(nearestFocus, nearestFocusFrame(frames));
        String category = Category.of(frames.stream().map(JfrHotspots::method).toList());
        add(categories, category);
        add(categoryFrames.computeIfAbsent(category, c -> new HashMap<>()), nearestFocusFrame(frames));
        RecordedThread thread = event.getThread("sampledThread");
        add(threads, thread == null ? "?" : threadGroup(thread.getJavaName()));
    }

    private void nativeSample(RecordedEvent event) {
        List<RecordedFrame> frames = frames(event);
        if (frames.isEmpty()) {
            return;
        }
        nativeSamples++;
        add(nativeTop, method(frames.get(0)) + " <- " + nearestFocusFrame(frames));
    }

    private void allocation(RecordedEvent event) {
        long weight = event.getLong("weight");
        allocatedBytes += weight;
        String type = event.getClass("objectClass") == null ? "?" : event.getClass("objectClass").getName();
        allocationClass.merge(type, weight, Long::sum);
        allocationSite.merge(nearestFocusFrame(frames(event)), weight, Long::sum);
    }

    private static List<RecordedFrame> frames(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        return stack == null ? List.of() : stack.getFrames();
    }

    /** The first frame from the top that belongs to a focus package, with the frame it called. */
    private String nearestFocusFrame(List<RecordedFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            String name = method(frames.get(i));
            for (String prefix : focus) {
                if (name.startsWith(prefix)) {
                    return i == 0 ? name : name + " -> " + shortMethod(frames.get(i - 1));
                }
            }
        }
        return "(no focus frame) " + (frames.isEmpty() ? "?" : method(frames.get(0)));
    }

    private static String method(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private static String shortMethod(RecordedFrame frame) {
        String name = method(frame);
        int methodDot = name.lastIndexOf('.');
        int classDot = methodDot <= 0 ? -1 : name.lastIndexOf('.', methodDot - 1);
        return classDot < 0 ? name : name.substring(classDot + 1);
    }

    private static String packageOf(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "?";
        }
        String type = method.getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : type.substring(0, dot);
    }

    /** Thread names with their numbers folded, so a pool's threads add up: nioEventLoopGroup-3-1 -> nioEventLoopGroup-#-#. */
    private static String threadGroup(@Nullable String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }

    private static void add(Map<String, Long> counts, String key) {
        counts.merge(key, 1L, Long::sum);
    }

    private void print() {
        System.out.printf(Locale.ROOT, "%d execution samples, %d native-method samples, %.1f MB allocation sampled (weighted)%n",
                executionSamples, nativeSamples, allocatedBytes / 1e6);
        // execution samples cover Java threads only: GC and JIT compiler threads are what /proc counts besides
        System.out.printf(Locale.ROOT, "JVM CPU %.0f %% of the machine on average (machine %.0f %%); %d GCs, %.2f s;"
                        + " %d JIT compilations, %.2f s (summed over the files)%n",
                cpuLoadSamples == 0 ? 0.0 : 100 * jvmCpuSum / cpuLoadSamples,
                cpuLoadSamples == 0 ? 0.0 : 100 * machineCpuSum / cpuLoadSamples, gcCount, gcSeconds, compilations,
                compilationSeconds);
        table("CPU by category (the first frame from the top that names one)", categories, executionSamples, "samples");
        categories.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(5)
                .forEach(c -> table("... " + c.getKey() + ": by nearest focus frame", categoryFrames.get(c.getKey()),
                        executionSamples, "samples", 5));
        table("CPU by top frame (self)", self, executionSamples, "samples");
        table("CPU by nearest " + String.join("|", focus) + " frame (inclusive of what it calls)", nearestFocus,
                executionSamples, "samples");
        table("CPU by method, inclusive (once per stack)", inclusiveMethod, executionSamples, "samples");
        table("CPU by package, inclusive (once per stack)", inclusivePackage, executionSamples, "samples");
        table("CPU by thread", threads, executionSamples, "samples");
        table("Native-method samples (threads in native code: I/O waits, epoll)", nativeTop, nativeSamples, "samples");
        table("Allocation by class (bytes, weighted)", allocationClass, allocatedBytes, "MB");
        table("Allocation by nearest focus frame (bytes, weighted)", allocationSite, allocatedBytes, "MB");
    }

    private void table(String title, Map<String, Long> counts, long total, String unit) {
        table(title, counts, total, unit, top);
    }

    private void table(String title, Map<String, Long> counts, long total, String unit, int rows) {
        System.out.printf(Locale.ROOT, "%n== %s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(rows)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f %%  %10s  %s%n", total == 0 ? 0.0 : 100.0 * e.getValue() / total,
                        unit.equals("MB") ? String.format(Locale.ROOT, "%.1f", e.getValue() / 1e6) : e.getValue().toString(),
                        e.getKey()));
    }
}
