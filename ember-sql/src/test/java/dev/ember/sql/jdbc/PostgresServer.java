package dev.ember.sql.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ember.util.FileUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of Debian's packages for the tests, in a temporary directory on a free loopback port: {@code
 * initdb} and {@code pg_ctl} from the versioned library directory, run as the {@code postgres} user when the tests
 * run as root (initdb refuses root). It has a database {@code ember} owned by the user {@code ember} (password {@link
 * #PASSWORD}). Without PostgreSQL the tests are skipped, except on CI ({@code CI} set), where they fail: there
 * build-support/install-test-deps.sh installs it.
 */
final class PostgresServer implements AutoCloseable {
    static final String USER = "ember";
    static final String PASSWORD = "s3cret-Pw!";

    private final Path directory;
    private final Path bin;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path directory, Path bin, int port, boolean asPostgres) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    static PostgresServer start() throws Exception {
        Path bin = binaries();
        boolean onCi = System.getenv("CI") != null;
        if (bin == null) {
            if (onCi) {
                throw new IllegalStateException(
                        "PostgreSQL is not installed: build-support/install-test-deps.sh installs it");
            }
            assumeTrue(false, "PostgreSQL is not installed (apt-get install postgresql); JDBC tests skipped");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("ember-pg");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        if (root) {
            UserPrincipal postgres =
                    directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(directory, postgres);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(directory, bin, port, root);
        try {
            Path passwordFile = directory.resolve("admin-password");
            Files.writeString(passwordFile, "admin-" + PASSWORD + "\n", StandardCharsets.UTF_8);
            if (root) {
                Files.setOwner(passwordFile, Files.getOwner(directory));
            }
            server.run(
                    bin.resolve("initdb").toString(),
                    "-D",
                    directory.resolve("data").toString(),
                    "-U",
                    "admin",
                    "--auth=scram-sha-256",
                    "--pwfile=" + passwordFile,
                    "-E",
                    "UTF8",
                    "--no-locale");
            server.run(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    directory.resolve("data").toString(),
                    "-l",
                    directory.resolve("server.log").toString(),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + directory
                            + " -c fsync=off -c max_connections=60",
                    "start");
            Properties admin = new Properties();
            admin.setProperty("user", "admin");
            admin.setProperty("password", "admin-" + PASSWORD);
            try (Connection connection = DriverManager.getConnection(server.url("postgres"), admin);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
                statement.execute("CREATE DATABASE ember OWNER " + USER);
            }
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Debian's newest PostgreSQL's binaries, or null. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> {
                        try {
                            return Integer.parseInt(
                                    bin.getParent().getFileName().toString());
                        } catch (NumberFormatException e) {
                            return 0;
                        }
                    }))
                    .orElse(null);
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        if (asPostgres) {
            argv.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        argv.addAll(List.of(command));
        Path output = Files.createTempFile("ember-pg-command", ".log");
        try {
            Process process = new ProcessBuilder(argv)
                    .directory(Path.of("/").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " failed (" + process.exitValue() + "):\n"
                        + Files.readString(output) + log());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String log() {
        try {
            Path log = directory.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The test database's URL, without credentials. */
    String url() {
        return url("ember");
    }

    Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return properties;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), credentials());
    }

    /** Runs statements as the test user. */
    void execute(String... statements) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(directory.resolve("data/postmaster.pid"))) {
                run(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        directory.resolve("data").toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "60",
                        "stop");
            }
        } finally {
            FileUtils.deleteRecursively(directory);
        }
    }
}
