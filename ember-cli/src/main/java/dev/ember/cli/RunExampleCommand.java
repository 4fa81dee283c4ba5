package dev.ember.cli;

import dev.ember.config.CommonConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ember run-example}: runs one of the bundled examples. */
@Command(
        name = "run-example",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a bundled example: WordCount <path> [top], PageRank <edges> [iterations] [top],"
                    + " TeraSort <records> [partitions], JoinExample [customers] [orders]."
        })
final class RunExampleCommand implements Callable<Integer>, LaunchOptions.Verbose {
    private static final String PACKAGE = "dev.ember.examples";
    private static final List<String> KNOWN = List.of("JoinExample", "PageRank", "TeraSort", "WordCount");

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private LaunchOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "The example, such as WordCount.")
    private String name;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments of the example.")
    private List<String> exampleArgs = new ArrayList<>();

    @Override
    public boolean verbose() {
        return options.settings.verbose;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Path> jar = Installation.examplesJar();
        List<String> available = jar.map(RunExampleCommand::examplesIn).orElse(KNOWN);
        String simpleName = name.startsWith(PACKAGE + ".") ? name.substring(PACKAGE.length() + 1) : name;
        if (!available.contains(simpleName)) {
            throw new LaunchException(
                    "Unknown example '" + name + "': the examples are " + String.join(", ", available));
        }
        // On a cluster, executors fetch the examples jar from the driver.
        Map<String, String> flags = jar.map(path -> Map.of(CommonConfig.JARS.key(), path.toString()))
                .orElse(Map.of());
        LaunchSettings settings =
                Launch.settings(options, flags, simpleName, spec.commandLine().getErr());
        ApplicationRunner.run(jar.orElse(null), List.of(), PACKAGE + "." + simpleName, exampleArgs, settings);
        return 0;
    }

    private static List<String> examplesIn(Path jar) {
        TreeSet<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            String prefix = PACKAGE.replace('.', '/') + "/";
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                String entryName = entry.getName();
                if (entryName.startsWith(prefix)
                        && entryName.endsWith(".class")
                        && !entryName.contains("$")
                        && entryName.indexOf('/', prefix.length()) < 0
                        && !entryName.endsWith("package-info.class")) {
                    names.add(entryName.substring(prefix.length(), entryName.length() - ".class".length()));
                }
            }
        } catch (IOException e) {
            return KNOWN;
        }
        return List.copyOf(names);
    }
}
