package dev.ember;

import dev.ember.executor.ClassScopes;
import dev.ember.scheduler.LocalSchedulerBackend;
import dev.ember.scheduler.cluster.ClusterDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Job class scopes: jobs that load classes from jars only they see. A server running the code of several clients in
 * one application (the Connect server, for RDD jobs of its sessions) gives each client a scope; the jobs a thread
 * starts while its scope is set run their tasks in that scope's class loader on every executor, over the
 * application's class path (which wins: a scope adds classes, it never replaces the engine's). Each executor fetches a
 * scope's jars once and keeps its loader until the scope is released or, in cluster mode, until more scopes than
 * {@code ember.executor.classScopes.max} are used there.
 *
 * <p>The driver side does not change class loading: code that deserializes the client's objects on the driver
 * (functions, values) uses the scope's jars itself.
 */
public final class JobClassScope {
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private JobClassScope() {}

    /**
     * Makes the jobs this thread starts from now on run in {@code scope}, with {@code jars} (in class path order) in
     * its loader; jars already given for the scope stay in it. In cluster mode the driver serves each jar to executors
     * under a name of the scope's. {@link #clear} ends it for the thread.
     */
    public static void set(EmberContext context, String scope, List<Path> jars) {
        if (!SCOPE.matcher(scope).matches()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "A class scope is named by 1 to 128 letters, digits, '.', '_' or '-'");
        }
        ClusterDriver driver = context.components().clusterDriver();
        List<String> names = new ArrayList<>();
        for (Path jar : jars) {
            Path absolute = jar.toAbsolutePath();
            if (!Files.isRegularFile(absolute)) {
                throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Class scope " + scope + ": no jar at " + jar);
            }
            if (driver == null) {
                // Local mode: the executor is this process and opens the jar where it is.
                names.add(absolute.toString());
            } else {
                String name = servedName(scope, absolute);
                driver.serveJar(name, absolute);
                names.add(name);
            }
        }
        context.setLocalProperty(ClassScopes.SCOPE_PROPERTY, scope);
        context.setLocalProperty(ClassScopes.JARS_PROPERTY, String.join(",", names));
    }

    /** Ends this thread's class scope: the jobs it starts from now on load classes as the application does. */
    public static void clear(EmberContext context) {
        context.setLocalProperty(ClassScopes.SCOPE_PROPERTY, null);
        context.setLocalProperty(ClassScopes.JARS_PROPERTY, null);
    }

    /**
     * Releases {@code scope}; call it once no job of the scope runs any more (a task still running may fail to load
     * a class it had not loaded yet). In local mode its class loader is closed; in cluster mode the driver stops
     * serving its jars, and executors close their loaders as other scopes push them out.
     */
    public static void release(EmberContext context, String scope, List<Path> jars) {
        ClusterDriver driver = context.components().clusterDriver();
        if (driver != null) {
            for (Path jar : jars) {
                driver.stopServingJar(servedName(scope, jar.toAbsolutePath()));
            }
        } else if (context.components().backend() instanceof LocalSchedulerBackend local) {
            local.classScopes().release(scope);
        }
    }

    private static String servedName(String scope, Path jar) {
        return "scope-" + scope + "-" + jar.getFileName();
    }
}
