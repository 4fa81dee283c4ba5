package dev.ember.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.cli.fixtures.FailingApp;
import dev.ember.cli.fixtures.HelloApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher run in-process: exit codes, one-line errors, configuration handling, running applications. */
class LauncherTest {
    @TempDir
    Path temp;

    private record Result(int code, String out, String err) {}

    /** Runs the launcher, capturing what it and the application print. */
    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(capturedOut);
        try {
            int code = EmberLauncher.run(args, capturedOut, new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
        }
    }

    private Path jarWith(Class<?> mainClass) throws IOException {
        Path jar = temp.resolve(mainClass.getSimpleName() + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        String resource = mainClass.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream bytes = mainClass.getClassLoader().getResourceAsStream(resource)) {
            out.putNextEntry(new JarEntry(resource));
            bytes.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static void assertNoStackTrace(String text) {
        assertThat(text).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void helpListsTheCommands() {
        Result result = run("--help");
        assertThat(result.code()).isZero();
        assertThat(result.out())
                .contains("submit", "run-example", "shell", "master", "worker", "history", "kill-driver", "status");
    }

    @Test
    void statusPrintsWhatTheMasterKnows() {
        dev.ember.EmberConf conf = new dev.ember.EmberConf(false);
        dev.ember.deploy.Master master = dev.ember.deploy.Master.start(conf, "127.0.0.1", 0);
        dev.ember.deploy.Worker worker =
                dev.ember.deploy.Worker.start(conf, "127.0.0.1", 0, master.address(), 3, 2048, temp.resolve("work"));
        try {
            master.awaitState(state -> state.workers().size() == 1, java.time.Duration.ofSeconds(60));
            Result result = run("status", "--master", master.url());
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out())
                    .contains("Master " + master.url(), worker.workerId(), "ALIVE", "0 / 3", "0 / 2048")
                    .contains("APPLICATION", "DRIVER");
        } finally {
            worker.close();
            master.close();
        }
    }

    @Test
    void clusterDaemonsRejectBadArgumentsBeforeStarting() {
        Result badMaster = run("worker", "spark://somewhere:7077");
        assertThat(badMaster.code()).isEqualTo(1);
        assertThat(badMaster.err())
                .contains("[INVALID_MASTER_URL]", "ember://host:port")
                .doesNotContain("\tat ");

        Result badPort = run("worker", "ember://127.0.0.1:99999");
        assertThat(badPort.code()).isEqualTo(1);
        assertThat(badPort.err()).contains("port from 1 to 65535");

        Result badMemory = run("worker", "ember://127.0.0.1:7077", "--memory", "lots");
        assertThat(badMemory.code()).isEqualTo(1);
        assertThat(badMemory.err()).contains("--memory", "lots");

        Result badCores = run("worker", "ember://127.0.0.1:7077", "--cores", "0");
        assertThat(badCores.code()).isEqualTo(1);
        assertThat(badCores.err()).contains("--cores must be at least 1");

        Result badMode = run("submit", "--deploy-mode", "sideways", "app.jar");
        assertThat(badMode.code()).isEqualTo(1);
        assertThat(badMode.err()).contains("--deploy-mode must be client or cluster");

        Result superviseLocally = run("submit", "--supervise", "app.jar");
        assertThat(superviseLocally.code()).isEqualTo(1);
        assertThat(superviseLocally.err()).contains("--supervise needs --deploy-mode cluster");

        Result clusterOnLocal = run("submit", "--deploy-mode", "cluster", "--master", "local[2]", "app.jar");
        assertThat(clusterOnLocal.code()).isEqualTo(1);
        assertThat(clusterOnLocal.err()).contains("needs a standalone master");

        Result killBadMaster = run("kill-driver", "--master", "local[2]", "driver-1");
        assertThat(killBadMaster.code()).isEqualTo(1);
        assertThat(killBadMaster.err()).contains("[INVALID_MASTER_URL]");

        Result masterPort = run("master", "--port", "70000");
        assertThat(masterPort.code()).isEqualTo(1);
        assertThat(masterPort.err()).contains("--port must be from 0 to 65535");

        Result uiPort = run("master", "--webui-port", "-5");
        assertThat(uiPort.code()).isEqualTo(1);
        assertThat(uiPort.err()).contains("--webui-port must be from -1 to 65535");

        Result historyPort = run("history", "--port", "70000");
        assertThat(historyPort.code()).isEqualTo(1);
        assertThat(historyPort.err()).contains("--port must be from 0 to 65535");

        Result noLogs =
                run("history", "--port", "0", "--dir", temp.resolve("missing").toString());
        assertThat(noLogs.code()).isEqualTo(1);
        assertThat(noLogs.err()).contains("The event log directory", "missing", "does not exist");
        assertNoStackTrace(noLogs.err());
    }

    @Test
    void submitHelpDescribesItsOptions() {
        Result result = run("submit", "--help");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("--master", "--conf", "--class", "--jars", "APP_JAR");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Result result = run("launch-rockets");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("error:").contains("launch-rockets");
    }

    @Test
    void runsWordCountOnAFile() throws IOException {
        Path input = temp.resolve("words.txt");
        List<String> lines = List.of("the cat and the hat", "The end of THE story", "cat");
        Files.write(input, lines);
        Result result = run("run-example", "--master", "local[2]", "WordCount", input.toString(), "3");
        assertThat(result.code()).as(result.err()).isZero();
        Map<String, Long> expected = lines.stream()
                .flatMap(line -> Arrays.stream(line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.groupingBy(word -> word, TreeMap::new, Collectors.counting()));
        assertThat(result.out()).contains("the: " + expected.get("the"), "cat: " + expected.get("cat"));
        assertThat(result.out().lines().count()).isEqualTo(3);
    }

    @Test
    void submitRunsTheManifestMainClassWithSettings() throws IOException {
        Path jar = jarWith(HelloApp.class);
        Result result = run(
                "submit",
                "--master",
                "local[3]",
                "--name",
                "hello",
                "--conf",
                "ember.task.maxFailures=2",
                jar.toString(),
                "100",
                "--not-a-launcher-option");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains(
                        "sum=5050",
                        "master=local[3]",
                        "app=hello",
                        "maxFailures=2",
                        "args=[100, --not-a-launcher-option]");
        assertThat(System.getProperty("ember.master"))
                .as("settings are removed after the launch")
                .isNull();
    }

    @Test
    void aBadMasterIsOneLineWithoutStackTrace() throws IOException {
        Path jar = jarWith(HelloApp.class);
        Result result = run("submit", "--master", "yarn-ish", jar.toString(), "10");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("error: [INVALID_MASTER_URL]")
                .contains("yarn-ish"));
        assertNoStackTrace(result.err());
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path jar = jarWith(HelloApp.class);
        Result result = run("submit", "--verbose", "--master", "yarn-ish", jar.toString(), "10");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("error: [INVALID_MASTER_URL]").contains("\tat ");
    }

    @Test
    void aMissingInputPathNamesThePath() {
        Path missing = temp.resolve("nowhere.txt");
        Result result = run("run-example", "WordCount", missing.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("[INPUT_PATH_NOT_FOUND]").contains(missing.toString());
        assertNoStackTrace(result.err());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKeyAndWhereItWasSet() {
        Result result = run("run-example", "--conf", "ember.task.maxFailures=often", "WordCount", "x");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err())
                .contains("[INVALID_CONFIG_VALUE]")
                .contains("ember.task.maxFailures")
                .contains("often")
                .contains("--conf");
        assertNoStackTrace(result.err());
    }

    @Test
    void aMisspelledKeyIsWarnedAboutWithASuggestion() throws IOException {
        Path jar = jarWith(HelloApp.class);
        Result result = run("submit", "--conf", "ember.task.maxFailure=3", jar.toString(), "3");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).contains("ember.task.maxFailure").contains("did you mean ember.task.maxFailures");
    }

    @Test
    void confWithoutEqualsIsRejected() {
        Result result = run("run-example", "--conf", "ember.task.maxFailures", "WordCount", "x");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("--conf expects KEY=VALUE");
    }

    @Test
    void propertiesFileSettingsApplyAndBadLinesNameTheLine() throws IOException {
        Path jar = jarWith(HelloApp.class);
        Path good = temp.resolve("good.conf");
        Files.writeString(good, "# defaults\nember.task.maxFailures   5\nember.app.name=from-file\n");
        Result applied = run("submit", "--properties-file", good.toString(), jar.toString(), "4");
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("maxFailures=5", "app=from-file", "sum=10");

        Path bad = temp.resolve("bad.conf");
        Files.writeString(bad, "ember.master local[1]\nember.task.maxFailures\n");
        Result rejected = run("submit", "--properties-file", bad.toString(), jar.toString(), "4");
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).contains(bad + ":2");
    }

    @Test
    void confOverridesThePropertiesFile() throws IOException {
        Path jar = jarWith(HelloApp.class);
        Path file = temp.resolve("defaults.conf");
        Files.writeString(file, "ember.task.maxFailures 5\n");
        Result result = run(
                "submit",
                "--properties-file",
                file.toString(),
                "--conf",
                "ember.task.maxFailures=7",
                jar.toString(),
                "2");
        assertThat(result.out()).contains("maxFailures=7");
    }

    @Test
    void unknownExampleListsTheExamples() {
        Result result = run("run-example", "Fibonacci");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("Unknown example 'Fibonacci'").contains("WordCount", "PageRank", "TeraSort");
    }

    @Test
    void missingJarAndMissingClassAreReported() throws IOException {
        Result missingJar = run("submit", temp.resolve("absent.jar").toString());
        assertThat(missingJar.code()).isEqualTo(1);
        assertThat(missingJar.err()).contains("absent.jar").contains("does not exist");

        Path jar = jarWith(HelloApp.class);
        Result missingClass = run("submit", "--class", "com.example.Nope", jar.toString());
        assertThat(missingClass.code()).isEqualTo(1);
        assertThat(missingClass.err()).contains("com.example.Nope").contains("not found");
    }

    @Test
    void aFailingJobReportsStagePartitionAttemptsAndTheUserError() throws IOException {
        Path jar = jarWith(FailingApp.class);
        Result result = run("submit", "--master", "local[1]", jar.toString());
        assertThat(result.code()).isEqualTo(1);
        String errorLine = result.err()
                .lines()
                .filter(line -> line.startsWith("error:"))
                .findFirst()
                .orElseThrow();
        assertThat(errorLine)
                .contains("[JOB_ABORTED]")
                .contains("stage")
                .contains("failed 4 times")
                .contains("IllegalStateException: bad record 2")
                // The line of FailingApp that throws.
                .endsWith("(at FailingApp.java:16)");
        assertNoStackTrace(result.err());
    }

    @Test
    void progressBarFollowsWhetherStandardErrorIsATerminal() {
        // bin/ember's word wins over whether the JVM has a console: the bar is drawn on standard error.
        assertThat(Launch.stderrIsTerminal(Map.of("EMBER_STDERR_IS_TERMINAL", "true"), false))
                .isTrue();
        assertThat(Launch.stderrIsTerminal(Map.of("EMBER_STDERR_IS_TERMINAL", "false"), true))
                .isFalse();
        assertThat(Launch.stderrIsTerminal(Map.of(), true)).isTrue();
        assertThat(Launch.stderrIsTerminal(Map.of(), false)).isFalse();
    }
}
