package dev.ember.dist;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the distribution's {@code bin/ember} to completion, as users do, and returns what it printed. */
final class Launcher {
    record Result(int code, String out, String err) {}

    private Launcher() {}

    static Path dist() {
        return Path.of(System.getProperty("ember.dist.dir", "target/ember"));
    }

    /** Runs {@code bin/ember args} with {@code stdin} (or none) and extra {@code environment}, within 120 s. */
    static Result run(Path temp, String stdin, Map<String, String> environment, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(dist().resolve("bin/ember").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Path out = temp.resolve("out-" + System.nanoTime());
        Path err = temp.resolve("err-" + System.nanoTime());
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            Path in = temp.resolve("in-" + System.nanoTime());
            Files.writeString(in, stdin);
            builder.redirectInput(in.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/ember " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
