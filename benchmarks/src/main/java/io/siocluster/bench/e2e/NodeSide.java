package io.siocluster.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Finds the benchmark's Node folder and installs its pinned packages ({@code npm ci}) when they are missing. */
final class NodeSide {

    private NodeSide() {
    }

    /** {@code --node-dir}, else {@code benchmarks/src/main/node} next to the jar or under the working directory. */
    static Path directory(@Nullable String given) {
        List<Path> candidates = given != null ? List.of(Path.of(given))
                : List.of(EndToEnd.jarDirectory().resolve("../src/main/node"), Path.of("benchmarks/src/main/node"),
                        Path.of("src/main/node"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("driver.js"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find the benchmark's Node folder (driver.js) in " + candidates
                + ": run from the repository root or pass --node-dir");
    }

    /** Runs {@code npm ci} from the lockfile unless {@code node_modules} is there already. */
    static void install(Path directory) throws IOException, InterruptedException {
        if (Files.isDirectory(directory.resolve("node_modules/socket.io-client"))) {
            return;
        }
        System.err.println("npm ci in " + directory);
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(directory.toFile())
                .inheritIO().start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed in " + directory);
        }
    }
}
