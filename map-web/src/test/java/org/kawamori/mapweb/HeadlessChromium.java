package org.kawamori.mapweb;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Debian Chromium under chromedriver, headless, for the page tests: scripts, waits and screenshots
 * (into map-web/target/screenshots). Skips the test when Chromium is not installed, except in CI.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static HeadlessChromium open(int width, int height) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") == null) {
            Assumptions.abort("Chromium is not installed: apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + freshProfile(),
                "--window-size=" + width + "," + height,
                "--lang=ja");
        return new HeadlessChromium(new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options));
    }

    private static String freshProfile() {
        try {
            return Files.createTempDirectory("kawamori-chromium-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String attribute(String css, String name) {
        return find(css).getAttribute(name);
    }

    String text(String css) {
        return find(css).getText();
    }

    void until(Supplier<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(condition::get);
    }

    /** As {@link #until}, but on time-out fails with the page's body attributes and console. */
    void untilOrDump(Supplier<Boolean> condition) {
        untilOrDump(condition, "null");
    }

    /**
     * As {@link #untilOrDump(Supplier)}, and the dump also holds what {@code stateExpression} (a
     * JavaScript expression) gives, e.g. the attributes of the element the test waits for.
     */
    void untilOrDump(Supplier<Boolean> condition, String stateExpression) {
        try {
            until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "page state: "
                            + script("return JSON.stringify({ body: document.body.dataset,"
                                    + " stats: window.kawamoriMap && window.kawamoriMap.stats(),"
                                    + " waitedFor: " + stateExpression + " })")
                            + "; logs: "
                            + driver.manage().logs().get("browser").getAll(),
                    e);
        }
    }

    void screenshot(String name) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
