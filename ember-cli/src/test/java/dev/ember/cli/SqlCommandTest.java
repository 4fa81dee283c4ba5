package dev.ember.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.sql.EmberSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ember sql} in-process: its options, scripts, exit codes and errors, and the prompt over a dumb terminal. */
class SqlCommandTest {
    @TempDir
    Path temp;

    private record Result(int code, String out, String err) {}

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream originalIn = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int code = EmberLauncher.run(
                    args,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(originalIn);
        }
    }

    @Test
    void optionsParse() {
        CommandLine.ParseResult parsed = new CommandLine(new EmberLauncher())
                .parseArgs(
                        "sql",
                        "--master",
                        "local[2]",
                        "--conf",
                        "ember.sql.shuffle.partitions=3",
                        "--conf",
                        "ember.task.maxFailures=2",
                        "-e",
                        "SELECT 1",
                        "--output-format",
                        "csv",
                        "--log-level",
                        "WARN",
                        "--driver-memory",
                        "1g",
                        "--verbose");
        CommandLine.ParseResult sql = parsed.subcommand();
        SqlCommand command = (SqlCommand) sql.commandSpec().userObject();
        assertThat(command.execute).isEqualTo("SELECT 1");
        assertThat(command.outputFormat).isEqualTo("csv");
        assertThat(command.file).isNull();
        assertThat(command.verbose()).isTrue();
        assertThat((String) sql.matchedOptionValue("--master", null)).isEqualTo("local[2]");
        assertThat(sql.matchedOption("--conf").<java.util.List<String>>getValue())
                .containsExactly("ember.sql.shuffle.partitions=3", "ember.task.maxFailures=2");
        SqlCommand withFile = (SqlCommand) new CommandLine(new EmberLauncher())
                .parseArgs("sql", "--file", "q.sql")
                .subcommand()
                .commandSpec()
                .userObject();
        assertThat(withFile.file).isEqualTo(Path.of("q.sql"));
        assertThat(withFile.outputFormat).isEqualTo("table");
    }

    @Test
    void badCommandLinesExitWithTwo() {
        Result both = run("", "sql", "-e", "SELECT 1", "-f", "x.sql");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("-e and -f cannot be used together");
        Result format = run("", "sql", "-e", "SELECT 1", "--output-format", "xml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("unknown output format 'xml'");
        Result missing = run("", "sql", "-f", temp.resolve("none.sql").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void statementsRunInOrderFromEachSource() throws Exception {
        Result inline = run(
                "",
                "sql",
                "--master",
                "local[2]",
                "-e",
                "CREATE TEMPORARY VIEW v AS SELECT 1 AS a UNION ALL SELECT 2; SELECT a * 10 AS b FROM v ORDER BY a",
                "--output-format",
                "csv");
        assertThat(inline.code()).as(inline.err()).isZero();
        assertThat(inline.out()).isEqualTo("b\n10\n20\n");

        Path file = temp.resolve("q.sql");
        Files.writeString(file, "-- two statements\nSELECT 'a;b' AS s;\nSELECT 2 AS n; -- done\n");
        Result fromFile = run("", "sql", "--master", "local[1]", "-f", file.toString(), "--output-format", "json");
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).isEqualTo("{\"s\":\"a;b\"}\n{\"n\":2}\n");

        Result piped = run("SELECT 3 AS x", "sql", "--master", "local[1]", "--output-format", "tsv");
        assertThat(piped.code()).as(piped.err()).isZero();
        assertThat(piped.out()).isEqualTo("x\n3\n");
    }

    @Test
    void tablesWrittenByOneRunAreReadByTheNext() {
        String warehouse = "ember.sql.warehouse.dir=" + temp.resolve("warehouse");
        Result write = run(
                "",
                "sql",
                "--master",
                "local[2]",
                "--conf",
                warehouse,
                "-e",
                "CREATE DATABASE shop; CREATE TABLE shop.sales (id INT, amount DECIMAL(8,2), day DATE) USING parquet"
                        + " PARTITIONED BY (day);"
                        + " INSERT INTO shop.sales VALUES (1, 2.50, DATE'2024-05-01'), (2, 4.00, DATE'2024-05-02')");
        assertThat(write.code()).as(write.err()).isZero();
        Result read = run(
                "",
                "sql",
                "--master",
                "local[1]",
                "--conf",
                warehouse,
                "--output-format",
                "csv",
                "-e",
                "USE shop; SHOW PARTITIONS sales; SELECT sum(amount) AS total FROM sales");
        assertThat(read.code()).as(read.err()).isZero();
        assertThat(read.out()).isEqualTo("partition\nday=2024-05-01\nday=2024-05-02\ntotal\n6.50\n");
    }

    @Test
    void theFirstFailingStatementStopsTheScriptWithItsMessage() {
        Result failed =
                run("", "sql", "--master", "local[1]", "-e", "SELECT 1 AS ok; SELECT FROM WHERE; SELECT 2 AS never");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).contains("|ok |").doesNotContain("never");
        assertThat(failed.err())
                .contains("error: [PARSE_SYNTAX_ERROR]", "SELECT FROM WHERE\n", "       ^")
                .doesNotContain("\tat ");
        Result verbose =
                run("", "sql", "--master", "local[1]", "--verbose", "-e", "SELECT * FROM no_such_table_anywhere");
        assertThat(verbose.code()).isEqualTo(1);
        assertThat(verbose.err()).contains("error: [", "no_such_table_anywhere", "\tat ");
    }

    @Test
    void thePromptReadsStatementsOverLinesAndTimesThem() throws Exception {
        String typed =
                "SELECT 1 AS one,\n  'x' AS two;\nSELECT nope FROM;\nCREATE TEMPORARY VIEW w AS SELECT 5 AS f; SELECT\n"
                        + "f FROM w;\n";
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        long[] clock = {0};
        try (EmberContext context =
                        new EmberContext(new EmberConf().setMaster("local[1]").setAppName("sql-shell-test"));
                Terminal terminal = new DumbTerminal(
                        "test",
                        Terminal.TYPE_DUMB,
                        new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                        screen,
                        StandardCharsets.UTF_8)) {
            SqlRunner runner = new SqlRunner(EmberSession.of(context), SqlOutput.Format.TABLE, false);
            // Each reading of the clock is 0.123 s after the one before.
            SqlShell shell = new SqlShell(runner, terminal, temp.resolve("history"), () -> clock[0] += 123_000_000L);
            assertThat(shell.run()).isZero();
        }
        String printed = screen.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains(SqlShell.PROMPT, SqlShell.CONTINUATION)
                .contains("|one|two|", "|1  |x  |", "Time taken: 0.123 seconds, Fetched 1 row(s)")
                .contains("error: [PARSE_SYNTAX_ERROR]", "SELECT nope FROM")
                .contains("Time taken: 0.123 seconds\n", "|f  |", "|5  |");
        assertThat(Files.readString(temp.resolve("history"))).contains("SELECT nope FROM;");
    }
}
