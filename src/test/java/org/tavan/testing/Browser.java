package org.tavan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven by Selenium, for tests of the tablet UI. It never lets
 * Selenium Manager download anything: the browser and the driver are the system's.
 *
 * <pre>{@code
 * try (App app = TestApps.start(dir); Browser browser = Browser.start(app.httpPort())) {
 *     browser.signIn("admin", TestApps.ADMIN_PASSWORD);
 *     browser.visit("/rigs");
 *     assertThat(browser.text("h1")).contains("...");
 *     browser.screenshot("rigs-list");
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** A 10-inch tablet held upright, in CSS pixels. */
    public static final Dimension PORTRAIT = new Dimension(800, 1280);
    public static final Dimension LANDSCAPE = new Dimension(1280, 800);
    // Generous for a loaded 2-core CI: a wait that succeeds returns as soon as its condition holds.
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** Starts chromium in tablet portrait size against a Tavan on {@code port} of 127.0.0.1. */
    public static Browser start(int port) {
        Services.requireProgram("chromium", CHROMIUM, "apt-get install -y chromium chromium-driver");
        Services.requireProgram("chromium", CHROMEDRIVER, "apt-get install -y chromium chromium-driver");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_AVOID_STATS", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("tavan-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--lang=fa", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Browser browser = new Browser(driver, "http://127.0.0.1:" + port, profile);
        browser.size(PORTRAIT);
        return browser;
    }

    /**
     * Sets the size of the page's viewport (not the window, whose frame would eat into it),
     * so that media queries see exactly a tablet's CSS width.
     */
    public Browser size(Dimension viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", viewport.getWidth(), "height", viewport.getHeight(), "deviceScaleFactor", 1, "mobile", false));
        return this;
    }

    /** Opens a path of the app (driver.get waits for the page to load). */
    public Browser visit(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the sign-in form and waits for the page it leads to. */
    public Browser signIn(String username, String password) {
        visit("/login");
        fill("username", username);
        fill("password", password);
        click("[data-testid=signin]");
        return this;
    }

    /** Signs out with the header's button (and so ends the session on the server). */
    public Browser signOut() {
        click("[data-testid=signout]");
        return this;
    }

    /** Types into the field with this {@code name}, replacing what is there. */
    public Browser fill(String name, String value) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Clicks a link or submit button and waits until the page it leads to has loaded. */
    public Browser click(String css) {
        WebElement root = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector(css)).click();
        new WebDriverWait(driver, WAIT).until(d -> gone(root));
        waitForLoad();
        return this;
    }

    /** Chooses a file in a file field whose page sends it on choice, and waits for the page it leads to. */
    public Browser upload(String css, Path file) {
        WebElement root = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector(css)).sendKeys(file.toAbsolutePath().toString());
        new WebDriverWait(driver, WAIT).until(d -> gone(root));
        waitForLoad();
        return this;
    }

    /** Clicks something that stays on the page (a checkbox, a disclosure). */
    public Browser press(String css) {
        driver.findElement(By.cssSelector(css)).click();
        return this;
    }

    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String attribute(String css, String attribute) {
        return driver.findElement(By.cssSelector(css)).getAttribute(attribute);
    }

    /** The path of the current page, with its query. */
    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Saves a PNG of the page to target/screenshots/{name}.png and returns its path. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets cookies (the session and the language), as a fresh tablet would. */
    /**
     * The tappable things on the page (header and navigation links, form controls, buttons and
     * tiles) smaller than 48 px either way: what a gloved finger misses. A checkbox or radio is
     * tapped through its label, so the label is what is measured.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> smallTargets() {
        return (List<Map<String, Object>>) script("""
                const small = [];
                const targets = document.querySelectorAll(
                  'header a, header button, nav a, form button, form input, form select, form a, main a.button, a.tile');
                for (const el of targets) {
                  if (el.type === 'hidden') continue;
                  const target = (el.type === 'checkbox' || el.type === 'radio') ? el.closest('label') : el;
                  const r = target.getBoundingClientRect();
                  if (r.width === 0 && r.height === 0) continue;
                  if (r.width < 48 || r.height < 48) {
                    small.push({what: target.outerHTML.slice(0, 80), width: r.width, height: r.height});
                  }
                }
                return small;""");
    }

    /**
     * What a tablet user of this page would trip over, one line each (empty when none), per
     * docs/ui.md: in a Persian page an untranslated key, a Latin-script word or Latin digits (serials, codes and
     * units allowed: a word with a digit, an element marked {@code translate="no"}, {@code code},
     * {@code kbd}, {@code samp}, or a unit or acronym from the list below), a Gregorian date shown
     * or asked for; in any language a missing key ({@code ⟦key⟧}), a touch target under 48 px, two
     * targets closer than 8 px (table links included) and sideways scrolling of the page itself.
     */
    @SuppressWarnings("unchecked")
    public List<String> pageProblems() {
        return (List<String>) script("""
                const problems = [];
                const persian = document.documentElement.lang === 'fa';
                const allowed = new Set(['mm','cm','kg','g','N','Nm','Hz','kHz','dB','dBHL','deg','V','mV','A','mA',
                  'ms','s','min','h','kPa','Pa','bar','psi','W','Wh','mAh','rpm','MQTT','QR','CSV','PDF','ISO','EN',
                  'IEC','USB','TCP','TLS','ID','PIN','API','HTTP','HTTPS','URL','NATS','JSON']);
                const text = document.body.innerText;
                for (const key of text.match(/⟦[^⟧]*⟧/g) || []) problems.push('missing key ' + key);
                if (persian) {
                  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  const latin = new Set();
                  const latinDigits = new Set();
                  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    const el = n.parentElement;
                    if (!el || el.closest('script, style, noscript, code, kbd, samp, [translate=no], [lang=en], .skip')) continue;
                    if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
                    for (const word of n.textContent.match(/[A-Za-z][A-Za-z0-9_.\\-']*/g) || []) {
                      const w = word.replace(/[.\\-']+$/, '');
                      if (/[0-9]/.test(w) || allowed.has(w)) continue;
                      latin.add(w);
                    }
                    // Latin digits standing alone (not part of a serial or code) should be Persian digits;
                    // a standard's number (ISO 10328) is its name, a code.
                    for (const d of n.textContent.replace(/\\b(?:ISO|EN|IEC)\\s+[0-9][0-9.:\\-]*/g, ' ').replace(/[A-Za-z0-9_.\\-\\/]*[A-Za-z][A-Za-z0-9_.\\-\\/]*/g, ' ').match(/[0-9]+/g) || [])
                      latinDigits.add(d);
                  }
                  for (const w of latin) problems.push('Latin word in a Persian page: ' + w);
                  for (const d of latinDigits) problems.push('Latin digits in a Persian page: ' + d);
                  const gregorian = text.match(/(?:^|[^0-9۰-۹])((?:19|20)[0-9]{2}[-/][0-9]{1,2}[-/][0-9]{1,2}|(?:۱۹|۲۰)[۰-۹]{2}[-/][۰-۹]{1,2}[-/][۰-۹]{1,2})/);
                  if (gregorian) problems.push('Gregorian date shown: ' + gregorian[1]);
                  for (const m of text.match(/میلادی|ژانویه|فوریه|آوریل|ژوئن|ژوئیه|سپتامبر|اکتبر|نوامبر|دسامبر/g) || [])
                    problems.push('Gregorian calendar named: ' + m);
                }
                for (const f of document.querySelectorAll('input[type=date], input[type=datetime-local], input[type=month], input[type=week]'))
                  problems.push('Gregorian date asked for: ' + f.name);
                const targets = [];
                for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
                  if (el.type === 'hidden' || el.closest('.skip')) continue;
                  const target = (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') || el) : el;
                  const r = target.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0 || getComputedStyle(target).visibility === 'hidden') continue;
                  if (targets.some(t => t.el === target)) continue;
                  targets.push({el: target, r});
                  if (r.width < 47.5 || r.height < 47.5)
                    problems.push('target ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' px: ' + target.outerHTML.slice(0, 90));
                }
                for (let i = 0; i < targets.length; i++) {
                  for (let j = i + 1; j < targets.length; j++) {
                    const a = targets[i], b = targets[j];
                    if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
                    const dx = Math.max(0, Math.max(a.r.left, b.r.left) - Math.min(a.r.right, b.r.right));
                    const dy = Math.max(0, Math.max(a.r.top, b.r.top) - Math.min(a.r.bottom, b.r.bottom));
                    if (Math.hypot(dx, dy) < 7.5)
                      problems.push('targets ' + Math.round(Math.hypot(dx, dy)) + ' px apart: ' + a.el.outerHTML.slice(0, 60)
                        + ' / ' + b.el.outerHTML.slice(0, 60));
                  }
                }
                const page = document.scrollingElement;
                if (page.scrollWidth > page.clientWidth + 1)
                  problems.push('page scrolls sideways: ' + page.scrollWidth + ' > ' + page.clientWidth + ' px');
                return problems;""");
    }

    public Browser clearCookies() {
        driver.manage().deleteAllCookies();
        return this;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Whether the element belongs to a page that has been replaced; chromium reports that in two ways. */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private void waitForLoad() {
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temp profile is harmless.
            }
        }
    }
}
