package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.config.CommonConfig;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.scheduler.cluster.CoarseGrainedExecutorBackend;
import dev.ember.util.AllowedCall;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of a driver a worker runs (cluster deploy mode): loads the application jar, calls the main class
 * with the application's arguments, and exits with 0 when it returns, 1 when it throws. It also exits when it loses
 * its worker, so that no driver outlives the worker that manages it.
 *
 * <pre>
 *   java ... dev.ember.deploy.DriverWrapper --worker-url HOST:PORT --class MAIN [--jar PATH] -- [ARGS...]
 * </pre>
 */
public final class DriverWrapper {
    /** Exit code when the arguments are wrong or the main class cannot be loaded. */
    static final int EXIT_BAD_ARGUMENTS = 2;

    private DriverWrapper() {}

    @AllowedCall("the driver process ends with the application's outcome")
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String worker = null;
        String mainClass = null;
        String jar = null;
        List<String> appArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                appArgs.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (i + 1 >= args.length) {
                System.err.println("error: " + args[i] + " needs a value");
                return EXIT_BAD_ARGUMENTS;
            }
            switch (args[i]) {
                case "--worker-url" -> worker = args[++i];
                case "--class" -> mainClass = args[++i];
                case "--jar" -> jar = args[++i];
                default -> {
                    System.err.println("error: unknown option " + args[i]);
                    return EXIT_BAD_ARGUMENTS;
                }
            }
        }
        if (worker == null || mainClass == null) {
            System.err.println("error: --worker-url and --class are required");
            return EXIT_BAD_ARGUMENTS;
        }
        EmberConf conf = new EmberConf(true);
        RpcEnv watcher;
        try {
            watcher = watch(conf, RpcAddress.parse(worker));
        } catch (RuntimeException e) {
            System.err.println("error: cannot reach the worker at " + worker + ": " + e.getMessage());
            return EXIT_BAD_ARGUMENTS;
        }
        try {
            return runMain(jar, mainClass, appArgs);
        } finally {
            watcher.close();
        }
    }

    /** Holds a connection to the worker; when it closes, the worker is gone and so is this driver. */
    private static RpcEnv watch(EmberConf conf, RpcAddress worker) {
        RpcEnv rpcEnv = RpcEnv.create(conf, "127.0.0.1", "127.0.0.1", 0).register(DeployMessages.WIRE);
        try {
            rpcEnv.setupEndpoint("WorkerWatcher", new RpcEndpoint() {
                @Override
                public void onDisconnected(RpcAddress remote) {
                    if (remote.equals(worker)) {
                        System.err.println("error: lost the worker at " + worker + "; exiting");
                        exitOrphaned();
                    }
                }
            });
            rpcEnv.endpointRef(worker, RpcEnv.VERIFIER);
            return rpcEnv;
        } catch (RuntimeException e) {
            rpcEnv.close();
            throw e;
        }
    }

    @AllowedCall("a driver whose worker is gone ends at once, whatever the application is doing")
    private static void exitOrphaned() {
        Runtime.getRuntime().halt(CoarseGrainedExecutorBackend.EXIT_ORPHANED);
    }

    private static int runMain(String jar, String mainClass, List<String> appArgs) {
        ClassLoader parent = DriverWrapper.class.getClassLoader();
        ClassLoader loader = parent;
        try {
            if (jar != null) {
                Path path = Path.of(jar).toAbsolutePath();
                if (!Files.isRegularFile(path)) {
                    System.err.println("error: the application jar " + path + " is not readable on this worker");
                    return EXIT_BAD_ARGUMENTS;
                }
                loader = new URLClassLoader(new URL[] {path.toUri().toURL()}, parent);
                // Executors fetch the application's classes from this driver.
                String jars = System.getProperty(CommonConfig.JARS.key(), "");
                if (!List.of(jars.split(",")).contains(path.toString())) {
                    System.setProperty(CommonConfig.JARS.key(), jars.isEmpty() ? path.toString() : path + "," + jars);
                }
            }
            Thread.currentThread().setContextClassLoader(loader);
            Method main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                System.err.println("error: " + mainClass + ".main is not static");
                return EXIT_BAD_ARGUMENTS;
            }
            main.invoke(null, (Object) appArgs.toArray(new String[0]));
            return 0;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("error: cannot load " + mainClass + ".main(String[]): " + e);
            return EXIT_BAD_ARGUMENTS;
        } catch (InvocationTargetException e) {
            System.err.println("The application failed:");
            e.getCause().printStackTrace();
            return 1;
        } catch (Exception e) {
            System.err.println("error: " + e);
            return 1;
        }
    }
}
