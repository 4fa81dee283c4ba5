package dev.ember.executor;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor's class loaders for job class scopes: jobs whose properties name a scope ({@link #SCOPE_PROPERTY})
 * and its jars ({@link #JARS_PROPERTY}) run their tasks in that scope's own loader, over the executor's, so that the
 * classes of one client (a Connect session) are seen by its tasks only. A scope's loader grows as its jobs name more
 * jars; the least recently used without running tasks is closed when there are more than {@code maxScopes}, and a
 * scope's next job opens it again. Jars are fetched
 * under this object's lock, so a scope's first tasks on an executor wait for one another. Thread-safe.
 */
public final class ClassScopes {
    /** The job property naming the scope; absent for ordinary jobs. */
    public static final String SCOPE_PROPERTY = "ember.job.classScope";

    /** The job property listing the scope's jars, separated by commas, in class path order. */
    public static final String JARS_PROPERTY = "ember.job.classScope.jars";

    private static final Logger LOG = LoggerFactory.getLogger(ClassScopes.class);
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** Where a jar a job names is found: a local path for it, fetched first if need be. */
    @FunctionalInterface
    public interface JarSource {
        Path jar(String name) throws IOException;
    }

    private final int maxScopes;
    private final Map<String, ScopeLoader> loaders = new LinkedHashMap<>(16, 0.75f, true);

    public ClassScopes(int maxScopes) {
        this.maxScopes = maxScopes;
    }

    /**
     * The class loader a task of a job with {@code properties} runs in: {@code base} for a job without a scope,
     * otherwise the scope's loader over {@code base}, with every jar the job names added (from {@code source}).
     */
    public ClassLoader loaderFor(Properties properties, ClassLoader base, JarSource source) throws IOException {
        String scope = properties == null ? null : properties.getProperty(SCOPE_PROPERTY);
        if (scope == null || scope.isEmpty()) {
            return base;
        }
        if (!SCOPE.matcher(scope).matches()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Not a class scope name: '" + scope + "'");
        }
        String jars = properties.getProperty(JARS_PROPERTY, "");
        List<ScopeLoader> evicted = new ArrayList<>();
        ScopeLoader loader;
        synchronized (loaders) {
            loader = loaders.get(scope);
            if (loader == null || loader.getParent() != base) {
                loader = new ScopeLoader(scope, base);
                ScopeLoader previous = loaders.put(scope, loader);
                if (previous != null) {
                    evicted.add(previous);
                }
            }
            // Loaders with tasks running stay, even past the limit: closing one would fail its tasks' next loads.
            for (Iterator<ScopeLoader> oldest = loaders.values().iterator();
                    loaders.size() > maxScopes && oldest.hasNext(); ) {
                ScopeLoader candidate = oldest.next();
                if (candidate != loader && candidate.active == 0) {
                    evicted.add(candidate);
                    oldest.remove();
                }
            }
            // Jars are added under the lock: two tasks of a scope's first job fetch each jar once.
            for (String name : jars.split(",")) {
                if (!name.isEmpty() && !loader.names.contains(name)) {
                    // Recorded once fetched: a fetch that failed is tried again by the scope's next task.
                    loader.addURL(source.jar(name).toUri().toURL());
                    loader.names.add(name);
                }
            }
            loader.active++;
        }
        for (ScopeLoader old : evicted) {
            close(old);
        }
        return loader;
    }

    /** A task that ran in {@code loader} (one {@link #loaderFor} gave) ended. */
    public void done(ClassLoader loader) {
        if (loader instanceof ScopeLoader scope) {
            synchronized (loaders) {
                scope.active--;
            }
        }
    }

    /** Closes the scope's loader, if there is one; its next job opens a new one. */
    public void release(String scope) {
        ScopeLoader loader;
        synchronized (loaders) {
            loader = loaders.remove(scope);
        }
        if (loader != null) {
            close(loader);
        }
    }

    /** The scopes with a loader, for tests and diagnostics. */
    public Set<String> scopes() {
        synchronized (loaders) {
            return Set.copyOf(loaders.keySet());
        }
    }

    private static void close(ScopeLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warn("Could not close the class loader of scope {}", loader.scope, e);
        }
    }

    /** One scope's loader: its jars over the executor's loader (which wins, so a scope cannot replace the engine). */
    private static final class ScopeLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final String scope;
        private final Set<String> names = new HashSet<>();
        /** Tasks running in this loader; guarded by the scopes' lock. */
        private int active;

        ScopeLoader(String scope, ClassLoader parent) {
            super("ember-scope-" + scope, new URL[0], parent);
            this.scope = scope;
        }

        @Override
        protected void addURL(URL url) {
            super.addURL(url);
        }
    }
}
