package dev.ember.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code bin/ember} reads {@code --driver-memory} before the JVM starts, so it must skip the value of every other
 * option that takes one; otherwise a value such as {@code --deploy-mode client} ends its scan early and the heap is
 * silently not applied. Checks the script's list against the launcher's own options.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("..", "ember-dist", "src", "main", "dist", "bin", "ember");

    @Test
    void theScriptSkipsTheValueOfEveryOptionOfTheCommandsThatTakeDriverMemory() throws IOException {
        Set<String> skipped = valueOptionsSkippedByTheScript();
        Set<String> needed = new TreeSet<>();
        CommandLine launcher = new CommandLine(new EmberLauncher());
        int commandsWithDriverMemory = 0;
        for (CommandLine command : launcher.getSubcommands().values()) {
            if (command.getCommandSpec().findOption("--driver-memory") == null) {
                continue;
            }
            commandsWithDriverMemory++;
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.arity().max() > 0 && !Arrays.asList(option.names()).contains("--driver-memory")) {
                    needed.addAll(Arrays.asList(option.names()));
                }
            }
        }
        // submit, shell, sql and run-example: if none were found, the check above would pass without checking anything.
        assertThat(commandsWithDriverMemory).isGreaterThanOrEqualTo(4);
        assertThat(needed).contains("--deploy-mode", "--driver-cores", "--master", "--conf", "-e", "-f");
        assertThat(skipped).as("options bin/ember skips with their value").containsAll(needed);
    }

    @Test
    void everyHelpTextIsWholeSentences() {
        // picocli prints each description element as a line of its own and lists a command by its first one, so an
        // element cut mid-sentence shows as a summary that stops half-way ("... starts executor processes for").
        List<String> cut = new ArrayList<>();
        for (CommandLine command :
                new CommandLine(new EmberLauncher()).getSubcommands().values()) {
            List<CommandLine> commands = new ArrayList<>(List.of(command));
            commands.addAll(command.getSubcommands().values());
            for (CommandLine each : commands) {
                String name = each.getCommandSpec().qualifiedName();
                for (String line : each.getCommandSpec().usageMessage().description()) {
                    if (!endsASentence(line)) {
                        cut.add(name + ": " + line);
                    }
                }
                for (OptionSpec option : each.getCommandSpec().options()) {
                    for (String line : option.description()) {
                        if (!endsASentence(line)) {
                            cut.add(name + " " + option.longestName() + ": " + line);
                        }
                    }
                }
            }
        }
        assertThat(cut).isEmpty();
    }

    private static boolean endsASentence(String line) {
        String text = line.strip();
        if (text.endsWith("%n")) {
            text = text.substring(0, text.length() - 2);
        }
        return text.isEmpty() || text.endsWith(".") || text.endsWith(")") || text.endsWith(":");
    }

    /** The options of the script's pre-scan line that skips an option's value ({@code i=$((i + 1))}). */
    private static Set<String> valueOptionsSkippedByTheScript() throws IOException {
        assertThat(SCRIPT).isRegularFile();
        Pattern line = Pattern.compile(
                "^\\s*(--?[a-z-]+(?:\\s*\\|\\s*--?[a-z-]+)*)\\)\\s*i=\\$\\(\\(i \\+ 1\\)\\)\\s*;;\\s*$");
        Set<String> options = new TreeSet<>();
        for (String text : Files.readAllLines(SCRIPT)) {
            Matcher matcher = line.matcher(text);
            if (matcher.matches()) {
                options.addAll(Arrays.stream(matcher.group(1).split("\\|"))
                        .map(String::strip)
                        .collect(Collectors.toSet()));
            }
        }
        assertThat(options).as("the script's list of options that take a value").isNotEmpty();
        return options;
    }
}
