package io.siocluster.demo;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/** One headless Chromium showing the chat page, read and driven the way a person uses it. */
final class ChatBrowser implements AutoCloseable {

    /** A chat message as the page shows it. */
    record Message(String sender, String node, String text) {
    }

    /** A line of the page's online list. */
    record OnlineUser(String name, String node, String room) {
    }

    private final ChromeDriver driver;
    private final Path profile;

    ChatBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    void open(String url) {
        driver.get(url);
    }

    /** The text of the connection indicator: "connected" once the Socket.IO client is in. */
    String status() {
        return driver.findElement(By.id("status")).getText();
    }

    String roomTitle() {
        return driver.findElement(By.id("room-title")).getText();
    }

    /** Clicks the room in the sidebar (once the page has listed the rooms). */
    void joinRoom(String room) {
        await().atMost(Duration.ofSeconds(30)).ignoreException(NoSuchElementException.class)
                .until(() -> driver.findElement(By.cssSelector("#rooms button[data-room='" + room + "']")), b -> true)
                .click();
    }

    /** Types {@code text} into the message box and presses Send. */
    void say(String text) {
        driver.findElement(By.id("text")).sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    /** The messages shown, read in one script so a re-render cannot change the list midway. */
    List<Message> messages() {
        return rows("#messages .message", ".sender", ".node-badge", ".text").stream()
                .map(r -> new Message(r.get(0), r.get(1), r.get(2)))
                .toList();
    }

    /** The online list, read in one script like {@link #messages()}. */
    List<OnlineUser> online() {
        return rows("#online .user", ".user-name", ".node-badge", ".user-room").stream()
                .map(r -> new OnlineUser(r.get(0), r.get(1), r.get(2)))
                .toList();
    }

    /** For every element matching {@code selector}, the text of its children matching {@code columns}. */
    @SuppressWarnings("unchecked")
    private List<List<String>> rows(String selector, String... columns) {
        Object rows = driver.executeScript("const [selector, columns] = arguments;"
                + "return [...document.querySelectorAll(selector)]"
                + ".map(row => columns.map(c => row.querySelector(c).textContent));", selector, List.of(columns));
        return (List<List<String>>) rows;
    }

    /** What the page wrote to the console, or the browser reported about it, since the last call. */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .toList();
    }

    /** Writes a PNG of the visible page to {@code file}. */
    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temp directory harms nothing; the test's outcome does not depend on it.
        }
    }
}
