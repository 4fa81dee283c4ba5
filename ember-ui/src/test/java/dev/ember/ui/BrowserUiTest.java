package dev.ember.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.StorageLevel;
import dev.ember.internal.ContextInternals;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The application UI in headless Chromium (Debian's, driven by its chromedriver): a job with a shuffle and a cached
 * RDD, then every page, clicking from the jobs to a job, to a stage in its graph, to the sorted task table; and a
 * running job's progress appearing and finishing on an open page without reloading it. Screenshots go to
 * {@code target/surefire-reports/ui-screenshots}. Without the browser the test is skipped, saying so, except under {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserUiTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "surefire-reports", "ui-screenshots");
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    private EmberContext ctx;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;
    private int shuffleJob;
    /** Held, so the context's cleaner does not unpersist it while the test looks at it. */
    private dev.ember.RDD<Integer> cached;

    @TempDir
    static Path profile;

    @BeforeAll
    void start() throws IOException {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing:"
                    + " build-support/install-test-deps.sh installs them");
        }
        assumeTrue(
                present,
                "Skipped: Debian's chromium and chromium-driver are not installed"
                        + " (build-support/install-test-deps.sh installs them)");
        ctx = new EmberContext(new EmberConf()
                .setMaster("local[2]")
                .setAppName("browser <i>test</i>")
                .set("ember.ui.port", "0")
                .set("ember.ui.host", "127.0.0.1"));
        base = ctx.uiWebUrl().orElseThrow();
        ctx.setJobDescription("shuffle <b>words</b>");
        long keys = ctx.parallelize(IntStream.range(0, 20_000).boxed().toList(), 4)
                .mapToPair(i -> Pair.of(i % 101, 1))
                .reduceByKey(Integer::sum, 3)
                .count();
        assertThat(keys).isEqualTo(101);
        shuffleJob = 0;
        ctx.setJobDescription(null);
        cached = ctx.parallelize(IntStream.range(0, 500).boxed().toList(), 4)
                .setName("cached numbers")
                .persist(StorageLevel.MEMORY_ONLY);
        cached.count();
        assertThat(ContextInternals.listenerBus(ctx).waitUntilEmpty(WAIT)).isTrue();

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        wait = new WebDriverWait(browser, WAIT);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        RELEASE.countDown();
        if (browser != null) {
            browser.quit();
        }
        if (ctx != null) {
            ctx.stop();
        }
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void clickFromJobToStageToTheSortedTaskTable() throws IOException {
        browser.get(base + "/jobs/");
        assertThat(browser.getTitle()).isEqualTo("browser <i>test</i> - Jobs");
        WebElement description = browser.findElement(By.cssSelector("#succeeded-jobs .description"));
        assertThat(description.getText()).isEqualTo("shuffle <b>words</b>");
        assertThat(browser.findElements(By.cssSelector("#timeline rect.job")).size())
                .isGreaterThanOrEqualTo(2);
        screenshot("jobs");

        browser.findElement(By.cssSelector("a[href='/jobs/job/?id=" + shuffleJob + "']"))
                .click();
        wait.until(ExpectedConditions.titleContains("Details for Job " + shuffleJob));
        List<WebElement> stages = browser.findElements(By.cssSelector("#job-dag g.stage"));
        assertThat(stages).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#job-dag path.edge"))).hasSize(1);
        assertThat(stages.get(0).getText()).contains("Stage 0", "ParallelCollectionRDD");
        screenshot("job");

        // The map stage's box is a link to its page.
        browser.findElement(By.cssSelector("#job-dag g.stage[data-id='0']")).click();
        wait.until(ExpectedConditions.titleContains("Details for Stage 0"));
        assertThat(browser.findElements(By.cssSelector("#task-table tbody tr"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#task-quantiles tbody tr"))
                        .size())
                .isGreaterThan(5);
        assertThat(browser.findElements(By.cssSelector("#stage-dag g.rdd")).size())
                .isGreaterThanOrEqualTo(2);
        screenshot("stage");

        // Sorting by duration, longest first, is a link that reloads the table sorted on the server.
        browser.findElement(By.linkText("Duration")).click();
        wait.until(ExpectedConditions.urlContains("task.sort=runtime"));
        browser.findElement(By.partialLinkText("Duration")).click();
        wait.until(ExpectedConditions.urlContains("task.desc=true"));
        List<Long> durations = browser.findElements(By.cssSelector("#task-table tbody tr td:nth-child(9)")).stream()
                .map(cell -> millis(cell.getText()))
                .toList();
        assertThat(durations).hasSize(4).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void everyTabShowsItsData() throws IOException {
        browser.get(base + "/stages/");
        // Three stages ran before the tests; other tests may have added theirs.
        assertThat(browser.findElements(By.cssSelector("#complete-stages tbody tr"))
                        .size())
                .isGreaterThanOrEqualTo(3);
        screenshot("stages");
        browser.get(base + "/storage/");
        assertThat(browser.findElement(By.id("rdd-table")).getText()).contains("cached numbers", "100%");
        browser.findElement(By.linkText("cached numbers")).click();
        wait.until(ExpectedConditions.titleContains("RDD Storage Info"));
        assertThat(browser.findElements(By.cssSelector("#rdd-partitions tbody tr")))
                .hasSize(4);
        screenshot("storage");
        browser.get(base + "/executors/");
        assertThat(browser.findElement(By.id("executor-table")).getText()).contains("driver");
        browser.findElement(By.linkText("Thread Dump")).click();
        wait.until(ExpectedConditions.titleContains("Thread dump"));
        assertThat(browser.getPageSource()).contains("ember-listener-bus");
        browser.get(base + "/environment/");
        assertThat(browser.findElement(By.id("ember-properties")).getText()).contains("ember.app.name");
        screenshot("environment");

        // A column sorts in the browser when its header is clicked.
        browser.get(base + "/environment/");
        WebElement header = browser.findElement(By.cssSelector("#ember-properties thead th"));
        header.click();
        header.click();
        List<String> names = browser.findElements(By.cssSelector("#ember-properties tbody tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(names).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void aRunningJobsProgressAppearsAndCompletesWithoutReloading() throws Exception {
        int completedBefore = new UiClient(base)
                .json("/api/v1/applications/" + ctx.applicationId() + "/jobs?status=succeeded")
                .size();
        browser.get(base + "/jobs/");
        ((JavascriptExecutor) browser).executeScript("window.stillThisPage = 'yes';");
        Thread job = new Thread(() -> {
            ctx.setJobDescription("waits for the test");
            ctx.parallelize(List.of(1, 2, 3, 4), 4).foreach(i -> {
                if (i == 4 && !RELEASE.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("never released");
                }
            });
        });
        job.start();
        // The page refreshes its content every two seconds: the running job shows with its progress, three of its
        // four tasks done and one running. Read in one script, as a refresh may replace the elements at any time.
        wait.until(driver -> text("running").contains("Active Jobs (1)"));
        wait.until(driver -> text("running-jobs").contains("3/4 (1 running)"));
        assertThat(text("content")).contains("waits for the test");
        screenshot("running");
        RELEASE.countDown();
        job.join(WAIT.toMillis());
        wait.until(driver -> text("content").contains("Completed Jobs (" + (completedBefore + 1) + ")"));
        assertThat(text("content")).doesNotContain("Active Jobs");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillThisPage;"))
                .isEqualTo("yes");
    }

    @Test
    void theSqlTabDrawsAQuerysPlanWithWhatEachNodeDid() throws IOException {
        dev.ember.sql.EmberSession spark = dev.ember.sql.EmberSession.of(ctx);
        spark.range(0, 300, 1).createOrReplaceTempView("numbers");
        assertThat(spark.sql("SELECT id % 3 AS k, count(*) FROM numbers WHERE id >= 100 GROUP BY id % 3")
                        .collectAsList())
                .hasSize(3);
        assertThat(ContextInternals.listenerBus(ctx).waitUntilEmpty(WAIT)).isTrue();
        browser.get(base + "/SQL/");
        browser.findElement(By.partialLinkText("SELECT id % 3")).click();
        wait.until(ExpectedConditions.titleContains("Details for Query"));
        List<WebElement> nodes = browser.findElements(By.cssSelector("#sql-dag g.node"));
        assertThat(nodes.size()).isGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#sql-dag path.edge"))).hasSize(nodes.size() - 1);
        assertThat(browser.findElement(By.id("sql-dag")).getText())
                .contains("number of output rows: 200", "number of output rows: 3");
        screenshot("sql");
    }

    /** The text of the element with {@code id} now, or "" when there is none. */
    private String text(String id) {
        Object text = ((JavascriptExecutor) browser)
                .executeScript("var e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id);
        return String.valueOf(text);
    }

    private static long millis(String shown) {
        String[] parts = shown.trim().split(" ");
        double value = Double.parseDouble(parts[0]);
        return switch (parts[1]) {
            case "ms" -> (long) value;
            case "s" -> (long) (value * 1000);
            case "min" -> (long) (value * 60_000);
            default -> (long) (value * 3_600_000);
        };
    }
}
