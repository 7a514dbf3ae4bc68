package io.siocluster.interop.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Node script, driven by the line protocol of {@code control.js}: {@link #call} sends a command and
 * waits for its answer; events the script reports are kept in arrival order. Its stderr goes to a log file under
 * {@code target/node-logs}. The script exits when its stdin closes, so even a JVM that dies leaves no process
 * behind; a shutdown hook kills whatever is still running as a second guard.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong STARTED = new AtomicLong();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "node-process-reaper"));
    }

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final Path log;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ObjectNode> ready = new CompletableFuture<>();

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "node-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code node <script> <args>} in {@code dir} and waits until it reports {@code ready}. */
    static NodeProcess start(Path node, Path dir, String script, String name, Map<String, String> env, List<String> args,
            Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(node.toString());
        command.add(script);
        command.addAll(args);
        Path log = logDir.resolve(String.format("%03d-%s.log", STARTED.incrementAndGet(), name));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        Process process;
        try {
            Files.createDirectories(logDir);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        RUNNING.add(process);
        NodeProcess started = new NodeProcess(name, process, log);
        LOG.info("started {} (pid {}): {}", name, process.pid(), String.join(" ", command));
        try {
            started.ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.kill();
            throw new IllegalStateException("interrupted while " + name + " started", e);
        } catch (ExecutionException | TimeoutException e) {
            started.kill();
            throw new IllegalStateException(name + " did not report ready within " + READY_TIMEOUT + ": "
                    + e.getMessage() + "\n" + started.logTail(), e);
        }
        return started;
    }

    public String name() {
        return name;
    }

    /** What the script said when it was ready ({@code {"event":"ready", ...}}). */
    public ObjectNode readyEvent() {
        return ready.join();
    }

    /**
     * Runs a command and returns its result.
     *
     * @throws NodeCommandException when the script answers with an error
     */
    public JsonNode call(String command, Map<String, ?> args) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode request = Wire.JSON.createObjectNode().put("id", id).put("cmd", command);
        request.set("args", Wire.toJson(args));
        try {
            synchronized (stdin) {
                stdin.write(Wire.write(request));
                stdin.write('\n');
                stdin.flush();
            }
            return answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not running (" + command + "): " + e.getMessage() + "\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name + " (" + command + ")", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NodeCommandException failure) {
                throw new NodeCommandException(failure.getMessage());
            }
            throw new IllegalStateException(name + " failed on " + command + ": " + e.getCause() + "\n" + logTail(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not answer " + command + " within " + CALL_TIMEOUT, e);
        } finally {
            pending.remove(id);
        }
    }

    /** The events of one kind ({@code "received"}, {@code "serverSideEmit"}, ...) reported so far, oldest first. */
    public List<ObjectNode> events(String kind) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode event : events) {
            if (kind.equals(event.path("event").asText())) {
                matching.add(event);
            }
        }
        return matching;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended, or null while it runs. */
    public @Nullable Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** Closes the script's stdin, which ends it; kills it when it has not ended within 5 seconds. */
    @Override
    public void close() {
        try {
            synchronized (stdin) {
                stdin.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the stdin of {}: {}", name, e.toString());
        }
        waitForExit(Duration.ofSeconds(5));
        if (process.isAlive()) {
            LOG.warn("{} did not end within 5 s of its stdin closing: killing it", name);
            kill();
        }
        RUNNING.remove(process);
    }

    /** Kills the process at once (SIGKILL): no goodbye reaches the cluster. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(5));
        RUNNING.remove(process);
    }

    /** Waits for the process to end by itself (after a {@code close} command, for example). */
    public boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Everything the script wrote to stderr so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines the script wrote to stderr. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                onLine(line);
            }
        } catch (IOException e) {
            LOG.debug("reading {} ended: {}", name, e.toString());
        }
        Integer code = waitForExitCode();
        String exit = code == null ? "closed its output" : "exited with code " + code;
        IllegalStateException gone = new IllegalStateException(name + " " + exit);
        ready.completeExceptionally(gone);
        pending.values().forEach(answer -> answer.completeExceptionally(gone));
        LOG.info("{} {}", name, exit);
    }

    private @Nullable Integer waitForExitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void onLine(String line) {
        JsonNode message;
        try {
            message = Wire.JSON.readTree(line);
        } catch (IOException e) {
            LOG.info("[{}] {}", name, line);
            return;
        }
        if (message instanceof ObjectNode object && object.hasNonNull("event")) {
            events.add(object);
            if ("ready".equals(object.get("event").asText())) {
                ready.complete(object);
            }
            if ("adapterError".equals(object.get("event").asText())) {
                LOG.info("[{}] adapter error: {}", name, object.path("message").asText());
            }
            return;
        }
        CompletableFuture<JsonNode> answer = pending.get(message.path("id").asLong(-1));
        if (answer == null) {
            LOG.warn("[{}] unexpected line: {}", name, line);
        } else if (message.path("ok").asBoolean()) {
            answer.complete(message.path("result"));
        } else {
            answer.completeExceptionally(new NodeCommandException(name + ": " + message.path("error").asText()));
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + "]";
    }
}
