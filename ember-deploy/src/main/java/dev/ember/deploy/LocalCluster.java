package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.util.FileUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone master and workers inside this JVM, on 127.0.0.1, whose executors are real processes:
 * {@code local-cluster[W,C,M]} is W workers with C cores and M megabytes each. Executors get this JVM's class path,
 * so classes of the application (and of tests) load in them as they do here.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final Pattern URL =
            Pattern.compile("local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*\\]");
    static final String HOST = "127.0.0.1";

    private static final Duration WORKERS_REGISTERED_TIMEOUT = Duration.ofSeconds(60);

    /** The sizes in a {@code local-cluster} URL. */
    public record Spec(int workers, int coresPerWorker, int memoryPerWorkerMb) {}

    private final Master master;
    private final List<Worker> workers;
    private final Path workDir;

    private LocalCluster(Master master, List<Worker> workers, Path workDir) {
        this.master = master;
        this.workers = workers;
        this.workDir = workDir;
    }

    /** Parses {@code local-cluster[W,C,M]}, with a clear error for anything else. */
    public static Spec parse(String url) {
        Matcher matcher = URL.matcher(url.trim());
        if (!matcher.matches()) {
            throw invalid(url, "expected local-cluster[workers,coresPerWorker,memoryPerWorkerMB]");
        }
        int workers = number(url, matcher.group(1));
        int cores = number(url, matcher.group(2));
        int memory = number(url, matcher.group(3));
        if (workers < 1 || cores < 1) {
            throw invalid(url, "a local cluster needs at least one worker with at least one core");
        }
        if (memory < 64) {
            throw invalid(url, "each worker needs at least 64 MB");
        }
        return new Spec(workers, cores, memory);
    }

    private static int number(String url, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(url, text + " is too large");
        }
    }

    private static EmberException invalid(String url, String detail) {
        return new EmberException(ErrorClass.INVALID_MASTER_URL, "Invalid master URL '" + url + "': " + detail);
    }

    /** Starts the master and the workers, each with a fresh work directory removed on {@link #close}. */
    public static LocalCluster start(Spec spec, EmberConf conf) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("ember-local-cluster-");
        } catch (IOException e) {
            throw new EmberException(ErrorClass.INTERNAL_ERROR, "Cannot create a work directory: " + e, e);
        }
        // No web page for an embedded cluster unless asked for: tests start many.
        EmberConf masterConf = conf.contains(DeployConfig.MASTER_UI_PORT)
                ? conf
                : conf.clone().set(DeployConfig.MASTER_UI_PORT.key(), "-1");
        Master master = Master.start(masterConf, HOST, 0);
        List<Worker> workers = new ArrayList<>();
        LocalCluster cluster = new LocalCluster(master, workers, workDir);
        try {
            for (int i = 0; i < spec.workers(); i++) {
                workers.add(Worker.start(
                        conf,
                        HOST,
                        0,
                        master.address(),
                        spec.coresPerWorker(),
                        spec.memoryPerWorkerMb(),
                        workDir.resolve("worker-" + i)));
            }
            // The cluster is ready when the master knows every worker: an application registering earlier would be
            // judged against fewer workers than the URL promised (and its executors placed on some of them only).
            master.awaitState(state -> state.workers().size() == spec.workers(), WORKERS_REGISTERED_TIMEOUT);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("Started a local cluster at {} with {} worker(s)", master.url(), spec.workers());
        return cluster;
    }

    public Master master() {
        return master;
    }

    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** Stops the workers (and their executors), then the master, and deletes the work directories. */
    @Override
    public void close() {
        master.clusterStopping();
        for (Worker worker : workers) {
            try {
                worker.close();
            } catch (RuntimeException e) {
                LOG.warn("Error stopping worker {}", worker.workerId(), e);
            }
        }
        master.close();
        FileUtils.deleteRecursively(workDir);
    }
}
