package dev.tokenmanager.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The log of the server under test, one per test class: a Payara Micro server (a new process per test class)
 * writes {@code payara.log}, the nodes of a cluster test {@code node-1.log} and {@code node-2.log}; before the next
 * test class deploys, they are moved into a folder named after the test that wrote them. WildFly runs one server for
 * every test class: its {@code server.log} is read from where it stood when the test class deployed. A check of the
 * log therefore sees only lines of the test's own server.
 */
final class ServerLogs {

    private static final List<String> PER_PROCESS = List.of("payara.log", "node-1.log", "node-2.log");
    private static final String SHARED = "server.log";

    /** Where each shared log stood when the running test class deployed. */
    private static final Map<Path, Long> STARTS = new ConcurrentHashMap<>();
    private static volatile String current = "before-the-first-test";

    private ServerLogs() {
    }

    static Path directory() {
        return Path.of(System.getProperty("it.logs", "target/it-logs")).toAbsolutePath();
    }

    /** A new server of test {@code testName} is about to deploy: earlier servers' logs go out of its way. */
    static synchronized void beginServerOf(String testName) {
        Path dir = directory();
        try {
            Files.createDirectories(dir);
            if (!testName.equals(current)) {
                Path archive = dir.resolve(current);
                for (Path file : logFiles(dir, PER_PROCESS)) {
                    Files.createDirectories(archive);
                    try {
                        Files.move(file, archive.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    } catch (NoSuchFileException e) {
                        // The stopping server removed it meanwhile (its lock file, a rolled log).
                    }
                }
                STARTS.clear();
                for (Path file : logFiles(dir, List.of(SHARED))) {
                    STARTS.put(file, Files.size(file));
                }
                current = testName;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the running test's servers logged so far. */
    static String text() {
        Path dir = directory();
        StringBuilder text = new StringBuilder();
        try {
            for (Path file : logFiles(dir, PER_PROCESS)) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
            for (Path file : logFiles(dir, List.of(SHARED))) {
                try (InputStream in = Files.newInputStream(file)) {
                    in.skipNBytes(Math.min(Files.size(file), STARTS.getOrDefault(file, 0L)));
                    text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The files in {@code dir} of the given logs, with the numbered files a log handler may roll to. */
    private static List<Path> logFiles(Path dir, List<String> names) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".lck"))
                    .filter(file -> names.stream().anyMatch(name -> file.getFileName().toString().startsWith(name)))
                    .sorted().toList();
        }
    }
}
