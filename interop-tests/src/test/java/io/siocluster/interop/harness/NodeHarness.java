package io.siocluster.interop.harness;

import io.siocluster.testsupport.PostgresDatabase;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Node side of the interop tests for one test class:
 *
 * <pre>{@code
 * @RegisterExtension static final NodeHarness NODE = new NodeHarness();
 * }</pre>
 *
 * <p>Before the class it finds {@code node} (system property {@code sio.interop.node}, else the {@code PATH}) and
 * makes sure {@code src/test/node/node_modules} matches the committed lockfile, running {@code npm ci} when it
 * does not. Without Node.js the class is skipped, its tests reported as skipped with the reason (also logged at
 * WARN); with {@code SIO_INTEROP_REQUIRE_NODE=true} in the environment a missing Node.js fails instead, so CI
 * cannot skip silently. After the class every process it started is stopped, killed if need be.
 */
public final class NodeHarness implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHarness.class);
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final Object INSTALL_LOCK = new Object();
    private static volatile @Nullable Setup setup;

    private final List<NodeProcess> processes = new CopyOnWriteArrayList<>();

    /** Where Node.js is and whether the packages are installed, decided once per test run. */
    private record Setup(@Nullable Path node, Path dir, Path logDir, @Nullable String skipReason) {
    }

    /** Skips the class, with the reason, where Node.js is missing: each test shows as skipped in the reports. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = skipReason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("Node.js found");
        }
        if (context.getTestMethod().isEmpty() && !isNested(context)) {
            LOG.warn("skipping {}: {}", context.getDisplayName(), reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    /** The same check as an assumption, for runs that deactivate conditions. */
    @Override
    public void beforeAll(ExtensionContext context) {
        String reason = skipReason();
        Assumptions.assumeTrue(reason == null, () -> reason);
    }

    /** Why the tests cannot run here, or null; fails instead when SIO_INTEROP_REQUIRE_NODE=true. */
    private static @Nullable String skipReason() {
        String reason = setup().skipReason();
        if (reason != null && Boolean.parseBoolean(System.getenv("SIO_INTEROP_REQUIRE_NODE"))) {
            throw new IllegalStateException(reason + " (and SIO_INTEROP_REQUIRE_NODE=true)");
        }
        return reason;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!isNested(context)) { // the outer class's processes serve its @Nested classes too
            stopAll();
        }
    }

    private static boolean isNested(ExtensionContext context) {
        return context.getTestClass().map(c -> c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers()))
                .orElse(false);
    }

    /** Stops every process this harness started (orderly first, then by force). */
    public void stopAll() {
        for (NodeProcess process : processes) {
            process.close();
        }
        processes.clear();
    }

    /** Starts {@code server.js}: a Socket.IO server with the Postgres adapter on {@code db}. */
    public NodeServer startServer(PostgresDatabase db, NodeServer.Settings settings) {
        List<String> args = List.of(
                "--name=" + settings.name(),
                "--channel-prefix=" + settings.channelPrefix(),
                "--table=" + settings.table(),
                "--heartbeat-interval=" + settings.heartbeatInterval().toMillis(),
                "--heartbeat-timeout=" + settings.heartbeatTimeout().toMillis());
        return new NodeServer(start("server.js", settings.name(), PgEnvironment.of(db), args));
    }

    /**
     * Starts {@code redis-server.js}: a Socket.IO server with {@code @socket.io/redis-streams-adapter} on the Redis at
     * {@code redisUrl}, reading the stream {@code streamName} and using it as its pub/sub channel prefix too.
     */
    public NodeServer startRedisServer(String redisUrl, String name, String streamName) {
        return startRedisServer(redisUrl, name, streamName, 1);
    }

    /** As {@link #startRedisServer(String, String, String)}, the namespaces spread over {@code streamCount} streams. */
    public NodeServer startRedisServer(String redisUrl, String name, String streamName, int streamCount) {
        // The Java side names its stream and its pub/sub channels with one prefix: so does this server.
        List<String> args = List.of("--name=" + name, "--redis-url=" + redisUrl, "--stream-name=" + streamName,
                "--channel-prefix=" + streamName, "--stream-count=" + streamCount);
        return new NodeServer(start("redis-server.js", name, Map.of(), args));
    }

    /** Starts {@code client.js}, which connects socket.io-client clients to any server. */
    public NodeClients startClients(String name) {
        return new NodeClients(start("client.js", name, Map.of(), List.of()));
    }

    /** Starts {@code emitter.js}: the Node emitter 0.1.1 on {@code db}. */
    public NodeEmitter startEmitter(PostgresDatabase db, String name, String channelPrefix, String table) {
        List<String> args = List.of("--channel-prefix=" + channelPrefix, "--table=" + table);
        return new NodeEmitter(start("emitter.js", name, PgEnvironment.of(db), args));
    }

    private NodeProcess start(String script, String name, Map<String, String> env, List<String> args) {
        Setup found = setup();
        if (found.node() == null) {
            throw new IllegalStateException(found.skipReason());
        }
        NodeProcess process = NodeProcess.start(found.node(), found.dir(), script, name, env, args, found.logDir());
        processes.add(process);
        return process;
    }

    private static Setup setup() {
        Setup current = setup;
        if (current == null) {
            synchronized (INSTALL_LOCK) {
                current = setup;
                if (current == null) {
                    current = discover();
                    setup = current;
                }
            }
        }
        return current;
    }

    private static Setup discover() {
        Path dir = Path.of(System.getProperty("sio.interop.nodeDir", "src/test/node")).toAbsolutePath();
        Path logDir = Path.of(System.getProperty("sio.interop.logDir", "target/node-logs")).toAbsolutePath();
        Optional<Path> node = Optional.ofNullable(System.getProperty("sio.interop.node")).map(Path::of)
                .or(() -> onPath("node"));
        if (node.isEmpty()) {
            return new Setup(null, dir, logDir, "Node.js not found (no `node` on PATH, no -Dsio.interop.node): the "
                    + "interop tests need Node.js 18 or newer and npm");
        }
        String version = run(List.of(node.get().toString(), "--version"), dir, logDir.resolve("node-version.log"),
                Duration.ofSeconds(20));
        if (version == null || !version.startsWith("v") || majorVersion(version) < 18) {
            return new Setup(null, dir, logDir, "Node.js at " + node.get() + " is not usable (version: " + version
                    + "): the interop tests need Node.js 18 or newer");
        }
        if (!installed(dir)) {
            Optional<Path> npm = node.get().getParent() != null && Files.isExecutable(node.get().resolveSibling("npm"))
                    ? Optional.of(node.get().resolveSibling("npm"))
                    : onPath("npm");
            if (npm.isEmpty()) {
                return new Setup(null, dir, logDir, "npm not found, and " + dir.resolve("node_modules")
                        + " is not installed: run `npm ci` there, or install npm");
            }
            LOG.info("installing the pinned npm packages: npm ci in {}", dir);
            Path npmLog = logDir.resolve("npm-ci.log");
            if (run(List.of(npm.get().toString(), "ci", "--no-audit", "--no-fund"), dir, npmLog, NPM_CI_TIMEOUT) == null) {
                throw new IllegalStateException("npm ci failed in " + dir + "; see " + npmLog);
            }
        }
        LOG.info("interop tests use Node.js {} ({}) and the packages in {}", version.trim(), node.get(), dir);
        return new Setup(node.get(), dir, logDir, null);
    }

    /** node_modules exists and is at least as new as the lockfile (npm writes node_modules/.package-lock.json). */
    private static boolean installed(Path dir) {
        Path marker = dir.resolve("node_modules").resolve(".package-lock.json");
        try {
            FileTime lock = Files.getLastModifiedTime(dir.resolve("package-lock.json"));
            return Files.exists(marker) && Files.getLastModifiedTime(marker).compareTo(lock) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            for (String candidate : List.of(executable, executable + ".exe", executable + ".cmd")) {
                Path file = Path.of(entry, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(String version) {
        try {
            return Integer.parseInt(version.trim().substring(1).split("\\.")[0]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Runs a command to completion; its output (stdout and stderr) goes to {@code log}. Null when it failed. */
    private static @Nullable String run(List<String> command, Path dir, Path log, Duration timeout) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                LOG.warn("{} did not finish within {}", command, timeout);
                return null;
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                LOG.warn("{} failed with exit code {}:\n{}", command, process.exitValue(), output);
                return null;
            }
            return output;
        } catch (IOException e) {
            LOG.warn("could not run {}: {}", command, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
