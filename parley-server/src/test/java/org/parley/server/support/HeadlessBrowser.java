package org.parley.server.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's /usr/bin/chromium driven by /usr/bin/chromedriver), one user's browser.
 * Selenium Manager is never used: nothing is downloaded. If the browser cannot start, the test fails and says
 * how to install it; it is never skipped.
 */
public final class HeadlessBrowser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private HeadlessBrowser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** Starts a browser with its own fresh profile (own cookies), talking to {@code base}. */
    public static HeadlessBrowser start(String base) {
        for (String program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(program))) {
                fail(program + " is missing: the browser test needs Debian's Chromium."
                        + " Install it with: apt-get install -y chromium chromium-driver");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("parley-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--lang=en-US",
                "--window-size=1200,800",
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        try {
            return new HeadlessBrowser(new ChromeDriver(service, options), profile, base);
        } catch (RuntimeException e) {
            return fail("Could not start headless Chromium through " + CHROMEDRIVER + " (" + e.getMessage()
                    + "). Install or repair it with: apt-get install -y chromium chromium-driver");
        }
    }

    /** Logs in through the login form and waits for the home page (the rooms). */
    public HeadlessBrowser logIn(String username, String password) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        await(() -> driver.getCurrentUrl().contains("/rooms/"));
        return this;
    }

    public HeadlessBrowser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Opens a new tab of this browser (same cookies, same login) and switches to it; returns its handle. */
    public String newTab() {
        driver.switchTo().newWindow(WindowType.TAB);
        return driver.getWindowHandle();
    }

    /** The handle of the tab this browser is driving now. */
    public String currentTab() {
        return driver.getWindowHandle();
    }

    /** Drives the tab {@code handle} from now on (the others keep running in the background). */
    public HeadlessBrowser switchToTab(String handle) {
        driver.switchTo().window(handle);
        return this;
    }

    /** Closes the tab being driven and drives {@code next} from now on. */
    public HeadlessBrowser closeTab(String next) {
        driver.close();
        return switchToTab(next);
    }

    /** Opens a page with a socket and waits until the socket is open. */
    public HeadlessBrowser openLive(String path) {
        open(path);
        awaitConnection("open");
        return this;
    }

    public void awaitConnection(String state) {
        await(() -> state.equals(script("return document.body.dataset.connection || ''")));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean isShown(String css) {
        try {
            return find(css).isDisplayed();
        } catch (NoSuchElementException | StaleElementReferenceException e) {
            return false;
        }
    }

    public String attribute(String css, String name) {
        try {
            return find(css).getDomAttribute(name);
        } catch (NoSuchElementException | StaleElementReferenceException e) {
            return null;
        }
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Waits up to 10 s for {@code condition}, ignoring elements that are not there yet. */
    public void await(Callable<Boolean> condition) {
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                // One matcher for both: a second ignoreExceptionsInstanceOf would replace the first.
                .ignoreExceptionsMatching(
                        e -> e instanceof NoSuchElementException || e instanceof StaleElementReferenceException)
                .until(condition);
    }

    /** Saves a PNG of the page as {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary profile is harmless.
        }
    }
}
