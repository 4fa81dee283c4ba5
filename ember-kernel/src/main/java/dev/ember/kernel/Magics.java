package dev.ember.kernel;

import dev.ember.kernel.Interpreter.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jdk.jshell.JShell;

/**
 * Line magics, the lines starting with {@code %} at the top of a cell: {@code %jars PATH...} adds jar files, and
 * {@code %maven GROUP:ARTIFACT:VERSION...} adds artifacts with their dependencies, resolved by {@link Dependencies}.
 * The jars go to the interpreter (to compile and run cells) and, through {@code ctx.addJar}, to executors. A magic
 * that cannot be run fails the cell with a {@code MagicError}.
 */
@dev.ember.util.AllowedCall("jdk.jshell is the JDK's supported, exported API for evaluating Java snippets")
final class Magics {
    private Magics() {}

    /**
     * Runs the magic {@code line} in {@code js}, evaluating the code it needs with {@code evaluate} and telling the
     * cell's {@code output} what it added. Returns the failure, or null.
     */
    static Outcome run(JShell js, String line, Interpreter.Output output, Function<String, Outcome> evaluate) {
        String[] words = line.split("\\s+");
        List<String> arguments = List.of(words).subList(1, words.length);
        if (arguments.isEmpty() && (words[0].equals("%jars") || words[0].equals("%maven"))) {
            return Outcome.failed(
                    "MagicError", words[0] + " needs at least one argument", List.of("usage: " + words[0] + " ..."));
        }
        List<Path> jars = new ArrayList<>();
        try {
            if (words[0].equals("%jars")) {
                for (String argument : arguments) {
                    Path jar = Path.of(argument).toAbsolutePath();
                    if (!Files.isRegularFile(jar)
                            || !jar.getFileName().toString().endsWith(".jar")) {
                        return Outcome.failed("MagicError", "%jars: " + argument + " is not a jar file", List.of(line));
                    }
                    jars.add(jar);
                }
            } else if (words[0].equals("%maven")) {
                Dependencies.Resolved resolved = Dependencies.resolve(arguments);
                jars.addAll(resolved.jars());
                if (!resolved.alreadyPresent().isEmpty()) {
                    output.stream(
                            "stdout",
                            "Already on the class path, so not added: " + String.join(", ", resolved.alreadyPresent())
                                    + "\n");
                }
            } else {
                return Outcome.failed(
                        "MagicError",
                        "Unknown magic " + words[0] + "; this kernel knows %jars and %maven",
                        List.of(line));
            }
        } catch (RuntimeException | LinkageError e) {
            return Outcome.failed("MagicError", String.valueOf(e.getMessage()), List.of(line, e.toString()));
        }
        for (Path jar : jars) {
            js.addToClasspath(jar.toString());
            String literal = "\"" + jar.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            Outcome added = evaluate.apply("ctx.addJar(" + literal + ")");
            if (added.failure() != null) {
                return added;
            }
            output.stream("stdout", "Added " + jar.getFileName() + "\n");
        }
        return null;
    }
}
