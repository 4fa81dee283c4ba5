package dev.ember.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the assembled distribution's bin/ember as a real process, the way users do. */
class LauncherScriptIT {
    private static final Path DIST = Launcher.dist();
    private static final Path EXAMPLES_JAR = Path.of(System.getProperty("ember.examples.jar", ""));

    @TempDir
    Path temp;

    private Launcher.Result ember(String stdin, Map<String, String> environment, String... args) throws Exception {
        return Launcher.run(temp, stdin, environment, List.of(args));
    }

    private Launcher.Result ember(String... args) throws Exception {
        return ember(null, Map.of(), args);
    }

    @Test
    void versionAndHelp() throws Exception {
        Launcher.Result version = ember("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).contains("Ember");
        Launcher.Result help = ember("run-example", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("WordCount");
    }

    @Test
    void runExampleWordCountPrintsTheTopWords() throws Exception {
        Path input = temp.resolve("input.txt");
        Files.writeString(input, "b a b\nc b a\n");
        Launcher.Result result = ember("run-example", "WordCount", input.toString(), "2");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().lines().toList()).containsExactly("b: 3", "a: 2");
    }

    @Test
    void submitOfTheExamplesJarWithDriverMemory() throws Exception {
        submitsTeraSortWithItsHeap(5000, 3);
    }

    @Test
    void driverMemoryIsAppliedAfterOptionsThatTakeAValue() throws Exception {
        // The script reads --driver-memory before the JVM starts: options before it that take a value (here
        // --deploy-mode and --driver-cores) must not end its scan.
        submitsTeraSortWithItsHeap(2000, 2, "--deploy-mode", "client", "--driver-cores", "1");
    }

    /** Submits the examples' TeraSort with {@code --driver-memory} after {@code before}: it runs, with its heap. */
    private void submitsTeraSortWithItsHeap(int records, int partitions, String... before) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("submit"));
        args.addAll(List.of(before));
        args.addAll(List.of(
                "--driver-memory",
                "600m",
                "--master",
                "local[2]",
                "--class",
                "dev.ember.examples.TeraSort",
                EXAMPLES_JAR.toString(),
                Integer.toString(records),
                Integer.toString(partitions)));
        Launcher.Result result = ember(args.toArray(new String[0]));
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Sorted " + records + " records into " + partitions + " partitions: globally sorted");
        assertThat(result.err()).doesNotContain("--driver-memory takes effect only");
    }

    @Test
    void theLogLevelIsChosenPerRun() throws Exception {
        Path input = temp.resolve("levels.txt");
        Files.writeString(input, "b a b\n");
        // The installation logs warnings only: a run names a more verbose level with --log-level.
        Launcher.Result quiet = ember("run-example", "WordCount", input.toString(), "1");
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain("INFO ");
        Launcher.Result verbose = ember("run-example", "--log-level", "info", "WordCount", input.toString(), "1");
        assertThat(verbose.code()).as(verbose.err()).isZero();
        assertThat(verbose.out().lines().toList()).containsExactly("b: 2");
        assertThat(verbose.err()).contains("INFO ").contains("Started Ember application");
        Launcher.Result wrong = ember("run-example", "--log-level", "loud", "WordCount", input.toString(), "1");
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err())
                .contains("ember.log.level")
                .contains("ALL, TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF");
    }

    @Test
    void aLoggingConfigurationInEmberJavaOptsWinsOverTheInstallations() throws Exception {
        Path input = temp.resolve("mine.txt");
        Files.writeString(input, "b a b\n");
        Path logging = temp.resolve("my-logging.properties");
        Files.writeString(
                logging,
                String.join(
                        "\n",
                        "handlers = java.util.logging.ConsoleHandler",
                        ".level = INFO",
                        "java.util.logging.ConsoleHandler.level = ALL",
                        "java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter",
                        "java.util.logging.SimpleFormatter.format = MINE %4$s %5$s%n",
                        ""));
        Launcher.Result result = ember(
                null,
                Map.of("EMBER_JAVA_OPTS", "-Djava.util.logging.config.file=" + logging),
                "run-example",
                "WordCount",
                input.toString(),
                "1");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).contains("MINE INFO Started Ember application");
    }

    @Test
    void errorsAreOneLineWithANonZeroExitCode() throws Exception {
        Launcher.Result badMaster = ember("run-example", "--master", "cluster-please", "WordCount", "x");
        assertThat(badMaster.code()).isEqualTo(1);
        assertThat(badMaster
                        .err()
                        .lines()
                        .filter(line -> line.startsWith("error:"))
                        .toList())
                .singleElement()
                .satisfies(line -> assertThat(line).contains("[INVALID_MASTER_URL]", "cluster-please"));
        assertThat(badMaster.err()).doesNotContain("\tat ");

        Launcher.Result missing =
                ember("run-example", "WordCount", temp.resolve("absent").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("[INPUT_PATH_NOT_FOUND]").doesNotContain("\tat ");

        Launcher.Result usage = ember("submit");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("error:");
    }

    @Test
    void shellBindsCtxAndRunsLambdasTypedAtThePrompt() throws Exception {
        String input = String.join(
                "\n",
                "long evens = ctx.range(0, 1000, 1, 4).filter(x -> x % 2 == 0).count();",
                "System.out.println(\"evens=\" + evens);",
                "System.out.println(\"sum=\" + ctx.parallelize(List.of(1, 2, 3), 2).map(x -> x * 10).reduce(Integer::sum));",
                "/exit",
                "");
        Launcher.Result result = ember(input, Map.of(), "shell", "--master", "local[2]");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("ctx is an EmberContext on local[2]", "evens=500", "sum=60");
    }

    @Test
    void shellRunsRecordsAndLambdasTypedAtThePromptOnLocalCluster() throws Exception {
        String input = String.join(
                "\n",
                "record Square(int side) implements java.io.Serializable { int area() { return side * side; } }",
                "System.out.println(\"areas=\" + ctx.parallelize(List.of(1, 2, 3, 4), 4).map(x -> new Square(x).area())"
                        + ".reduce(Integer::sum));",
                "long driver = ProcessHandle.current().pid();",
                "List<Long> pids(int n) { return ctx.parallelize(List.of(1, 2, 3, 4), n).map(x -> ProcessHandle.current()"
                        + ".pid()).distinct().collect(); }",
                "System.out.println(\"remote=\" + pids(4).stream().noneMatch(pid -> pid == driver));",
                "int k = 3;",
                "var names = Map.of(1, \"one\", 2, \"two\");",
                "var shared = ctx.broadcast(List.of(100, 200));",
                "System.out.println(\"variables=\" + ctx.parallelize(List.of(1, 2), 2)"
                        + ".map(x -> x * k + \":\" + names.get(x) + \":\" + shared.value().get(x - 1)).collect());",
                "");
        Launcher.Result result = ember(input, Map.of(), "shell", "--master", "local-cluster[2,1,512]");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("ctx is an EmberContext on local-cluster[2,1,512]", "areas=30", "remote=true");
        assertThat(result.out() + result.err()).doesNotContain("SERIALIZATION_FAILED", "Exception");
    }

    @Test
    void aShellScriptWithFailedSnippetsExitsWithOne() throws Exception {
        String failing = String.join(
                "\n",
                "int wrong = \"text\";",
                "throw new IllegalStateException(\"boom\");",
                "System.out.println(\"still running\");",
                "");
        Launcher.Result failed = ember(failing, Map.of(), "shell", "--master", "local[1]");
        assertThat(failed.code()).as(failed.out()).isEqualTo(1);
        assertThat(failed.out()).contains("still running", "boom");
        assertThat(failed.err()).contains("ember shell: 2 snippets failed");

        Launcher.Result clean = ember("System.out.println(\"fine\");\n", Map.of(), "shell", "--master", "local[1]");
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("fine");
        assertThat(clean.err()).doesNotContain("failed");
    }

    @Test
    void aMissingJavaIsReported() throws Exception {
        Launcher.Result result =
                ember(null, Map.of("JAVA_HOME", temp.resolve("no-jdk").toString()), "--version");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("no java found");
    }

    @Test
    void defaultsFileOfTheInstallationIsRead() throws Exception {
        // A private copy of the installation, so that its conf/ can be changed.
        Path home = temp.resolve("ember-home");
        copyTree(DIST, home);
        Files.writeString(
                home.resolve("conf/ember-defaults.conf"),
                "ember.default.parallelism 3\nember.app.name from-defaults\n");
        Path input = temp.resolve("input.txt");
        Files.writeString(input, "x y x\n");
        Process process = new ProcessBuilder(
                        home.resolve("bin/ember").toString(), "run-example", "--verbose", "WordCount", input.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("ember.default.parallelism=3")
                .contains(home.resolve("conf/ember-defaults.conf").toString())
                .contains("x: 2")
                // The class data sharing archive was made for the installation's own path: the copy runs without it,
                // saying nothing about it.
                .doesNotContainIgnoringCase("shared archive")
                .doesNotContain("[cds");
    }

    @Test
    void theLauncherLoadsEmbersClassesFromTheClassDataSharingArchive() throws Exception {
        assertThat(DIST.resolve("lib/ember.jsa"))
                .as("made when the distribution was built")
                .isRegularFile();
        Path input = temp.resolve("input.txt");
        Files.writeString(input, "a b a\n");
        Path classLog = temp.resolve("class-load.log");
        Launcher.Result result = ember(
                null,
                Map.of("EMBER_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                "run-example",
                "--master",
                "local[1]",
                "WordCount",
                input.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("a: 2");
        assertThat(Files.readString(classLog))
                .contains("dev.ember.EmberContext source: shared objects file")
                .contains("dev.ember.scheduler.DAGScheduler source: shared objects file");
        assertThat(result.err()).doesNotContainIgnoringCase("shared archive");
    }

    @Test
    void applicationArgumentsAreNotReadAsLauncherOptions() throws Exception {
        Path input = temp.resolve("input.txt");
        Files.writeString(input, "a a b\n");
        // After the example's name everything is the application's, even words that look like launcher options:
        // WordCount rejects the extra arguments itself, and the JVM is not started with -Xmxnonsense.
        Launcher.Result result =
                ember("run-example", "WordCount", input.toString(), "1", "--driver-memory", "nonsense");
        assertThat(result.err()).doesNotContain("Invalid maximum heap size");
        assertThat(result.err()).contains("Usage: WordCount");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
