package dev.ember.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/ember sql} of the assembled distribution, as real processes. */
class SqlCliIT {
    @TempDir
    Path temp;

    private Path peopleCsv() throws IOException {
        Path csv = temp.resolve("people.csv");
        Files.writeString(csv, "id,name,score\n1,alice,3.5\n2,\"bob, jr\",\n3,carol,1.25\n", StandardCharsets.UTF_8);
        return csv;
    }

    private String viewAndQuery() throws IOException {
        return "CREATE TEMPORARY VIEW people USING csv OPTIONS (path '" + peopleCsv()
                + "', header 'true', inferSchema 'true');\n"
                + "SELECT id, name, score FROM people ORDER BY id;";
    }

    private Launcher.Result sql(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sql"));
        command.addAll(List.of(args));
        return Launcher.run(temp, stdin, Map.of(), command);
    }

    @Test
    void selectOneFromTheDistribution() throws Exception {
        Launcher.Result result = sql(null, "-e", "SELECT 1 AS one");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("+---+\n|one|\n+---+\n|1  |\n+---+\n");
    }

    @Test
    void severalStatementsOverACsvViewInEveryFormat() throws Exception {
        String script = viewAndQuery();
        Launcher.Result table = sql(null, "--master", "local[2]", "-e", script);
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out())
                .isEqualTo("+---+-------+-----+\n" + "|id |name   |score|\n" + "+---+-------+-----+\n"
                        + "|1  |alice  |3.5  |\n" + "|2  |bob, jr|NULL |\n" + "|3  |carol  |1.25 |\n"
                        + "+---+-------+-----+\n");
        Launcher.Result csv = sql(null, "-e", script, "--output-format", "csv");
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out()).isEqualTo("id,name,score\n1,alice,3.5\n2,\"bob, jr\",\n3,carol,1.25\n");
        Launcher.Result tsv = sql(null, "-e", script, "--output-format", "tsv");
        assertThat(tsv.code()).as(tsv.err()).isZero();
        assertThat(tsv.out()).isEqualTo("id\tname\tscore\n1\talice\t3.5\n2\tbob, jr\tNULL\n3\tcarol\t1.25\n");
        Launcher.Result json = sql(null, "-e", script, "--output-format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out())
                .isEqualTo("{\"id\":1,\"name\":\"alice\",\"score\":3.5}\n"
                        + "{\"id\":2,\"name\":\"bob, jr\",\"score\":null}\n"
                        + "{\"id\":3,\"name\":\"carol\",\"score\":1.25}\n");
    }

    @Test
    void aFileAndPipedStandardInput() throws Exception {
        Path file = temp.resolve("query.sql");
        Files.writeString(file, viewAndQuery() + "\n-- the total\nSELECT sum(id) AS total FROM people;\n");
        Launcher.Result fromFile = sql(null, "-f", file.toString(), "--output-format", "csv");
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).endsWith("3,carol,1.25\ntotal\n6\n");
        Launcher.Result piped = sql("SELECT 'a;b' AS s;\nSELECT 2 AS n\n", "--output-format", "json");
        assertThat(piped.code()).as(piped.err()).isZero();
        assertThat(piped.out()).isEqualTo("{\"s\":\"a;b\"}\n{\"n\":2}\n");
    }

    @Test
    void aSyntaxErrorStopsWithExitCodeOneAndTheCaret() throws Exception {
        Launcher.Result failed = sql(null, "-e", "SELECT 1 AS first; SELECT FROM WHERE; SELECT 3 AS never");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).contains("|first|").doesNotContain("never");
        assertThat(failed.err())
                .contains("error: [PARSE_SYNTAX_ERROR]", "SELECT FROM WHERE\n       ^")
                .doesNotContain("\tat ");
    }

    @Test
    void localClusterGivesTheRowsOfLocalMode() throws Exception {
        String script = viewAndQuery() + "\nSELECT count(*) AS n, sum(score) AS total FROM people;";
        Launcher.Result local = sql(null, "--master", "local[2]", "-e", script, "--output-format", "csv");
        Launcher.Result cluster = sql(
                null,
                "--master",
                "local-cluster[2,1,512]",
                "--conf",
                "ember.executor.memory=512m",
                "-e",
                script,
                "--output-format",
                "csv");
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(cluster.code()).as(cluster.err()).isZero();
        assertThat(cluster.out()).isEqualTo(local.out()).contains("n,total\n3,4.75\n");
    }

    @Test
    void thePromptAtAPseudoTerminal() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/python3")), "Skipped: no /usr/bin/python3 to drive a pty");
        Path script = temp.resolve("sql_pty.py");
        try (InputStream in = SqlCliIT.class.getResourceAsStream("/sql_pty.py")) {
            Files.copy(in, script);
        }
        ProcessBuilder builder = new ProcessBuilder(
                        "/usr/bin/python3",
                        script.toString(),
                        Launcher.dist().resolve("bin/ember").toString(),
                        "sql",
                        "--master",
                        "local[2]")
                .redirectErrorStream(true);
        // The history goes to this test's directory, not the user's.
        builder.environment().put("EMBER_JAVA_OPTS", "-Duser.home=" + temp);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("|one|two|", "|1  |a  |")
                .containsPattern("Time taken: \\d+\\.\\d{3} seconds, Fetched 1 row\\(s\\)")
                .contains("PARSE_SYNTAX_ERROR", "|seven|", "EXIT 0");
        assertThat(Files.readString(temp.resolve(".ember/sql_history")))
                .contains("SELECT nope FROM;", "SELECT 7 AS seven;");
    }
}
