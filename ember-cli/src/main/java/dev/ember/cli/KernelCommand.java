package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.kernel.KernelMain;
import dev.ember.kernel.KernelSpec;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ember kernel}: the Jupyter kernel: {@code install} its kernelspec, or {@code run} it for a front end. */
@Command(
        name = "kernel",
        mixinStandardHelpOptions = true,
        description = "Ember as a Jupyter kernel: Java cells run by JShell, with `ctx` bound to an EmberContext.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Run.class})
final class KernelCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: install or run");
    }

    /** {@code ember kernel install}: writes {@code kernel.json} where Jupyter looks for kernels. */
    @Command(
            name = "install",
            mixinStandardHelpOptions = true,
            description = {
                "Writes the kernelspec (kernel.json) so that Jupyter, JupyterLab and jupyter console offer Ember.",
                "--master and --conf given here are what the kernel runs with."
            })
    static final class Install extends DaemonCommand implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--user", description = "For this user (the default): ~/.local/share/jupyter/kernels.")
        boolean user;

        @Option(
                names = "--sys-prefix",
                description = "Into the Python environment of `python3` on the PATH (sys.prefix), such as a venv.")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "Into DIR/share/jupyter/kernels.")
        Path prefix;

        @Option(names = "--name", paramLabel = "NAME", description = "The kernel's name (default: ember).")
        String name = "ember";

        @Option(
                names = "--display-name",
                paramLabel = "TEXT",
                description = "What front ends show (default: Ember (Java)).")
        String displayName = "Ember (Java)";

        @Option(names = "--master", paramLabel = "URL", description = "The master the kernel's context uses.")
        String master;

        @Override
        public Integer call() {
            int where = (user ? 1 : 0) + (sysPrefix ? 1 : 0) + (prefix != null ? 1 : 0);
            if (where > 1) {
                throw new LaunchException("Choose one of --user, --sys-prefix and --prefix");
            }
            // Checked now, so that a kernel that could never start is not installed.
            settings(Map.of(), spec.commandLine().getErr());
            Path kernels = prefix != null
                    ? KernelSpec.prefixKernelsDir(prefix.toAbsolutePath())
                    : sysPrefix
                            ? KernelSpec.prefixKernelsDir(pythonPrefix())
                            : KernelSpec.userKernelsDir(System.getenv());
            Map<String, String> environment = new LinkedHashMap<>();
            Installation.home()
                    .ifPresent(home ->
                            environment.put("EMBER_HOME", home.toAbsolutePath().toString()));
            Path dir = KernelSpec.install(kernels, name, displayName, command(), environment);
            spec.commandLine().getOut().println("Installed the kernelspec '" + name + "' in " + dir);
            return 0;
        }

        /** The command Jupyter runs: this JVM, its options and class path, and {@code ember kernel run}. */
        private List<String> command() {
            List<String> argv = new ArrayList<>();
            argv.add(ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString()));
            for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (option.startsWith("--add-opens")
                        || option.startsWith("--add-exports")
                        || option.startsWith("-Djava.util.logging.config.file=")) {
                    argv.add(option);
                }
            }
            argv.add("-cp");
            argv.add(Installation.home()
                    // The installation's jars, whatever they are after an upgrade.
                    .map(home ->
                            home.toAbsolutePath().resolve("lib").resolve("*").toString())
                    .orElseGet(KernelCommand::absoluteClassPath));
            argv.add(EmberLauncher.class.getName());
            argv.add("kernel");
            argv.add("run");
            if (master != null) {
                argv.add("--master");
                argv.add(master);
            }
            for (String setting : options.conf) {
                argv.add("--conf");
                argv.add(setting);
            }
            if (options.propertiesFile != null) {
                argv.add("--properties-file");
                argv.add(options.propertiesFile.toAbsolutePath().toString());
            }
            argv.add("{connection_file}");
            return argv;
        }

        private static Path pythonPrefix() {
            try {
                Process python = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix)")
                        .redirectErrorStream(true)
                        .start();
                if (!python.waitFor(30, TimeUnit.SECONDS)) {
                    python.destroyForcibly();
                    throw new LaunchException("python3 did not say its sys.prefix within 30 s");
                }
                String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (python.exitValue() != 0 || out.isEmpty()) {
                    throw new LaunchException("python3 could not say its sys.prefix: " + out);
                }
                return Path.of(out);
            } catch (IOException e) {
                throw new LaunchException("--sys-prefix needs python3 on the PATH: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("Interrupted while asking python3 for its sys.prefix");
            }
        }
    }

    private static String absoluteClassPath() {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, classPath);
    }

    /** {@code ember kernel run}: what the kernelspec starts. */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description =
                    "Runs the kernel on the sockets of a Jupyter connection file, until the front end shuts it down.")
    static final class Run extends DaemonCommand implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CONNECTION_FILE", description = "Written by the front end.")
        Path connectionFile;

        @Option(names = "--master", paramLabel = "URL", description = "The master the kernel's context uses.")
        String master;

        @Override
        public Integer call() throws InterruptedException {
            EmberConf conf = settings(
                    master == null ? Map.of() : Map.of("ember.master", master),
                    spec.commandLine().getErr());
            // The interpreter's JVM reads them as system properties when the first cell creates the context.
            conf.getAll().forEach((key, value) -> {
                if (key.startsWith("ember.")) {
                    System.setProperty(key, value);
                }
            });
            return KernelMain.run(connectionFile);
        }
    }
}
