package dev.ember.bench.workload;

/**
 * One engine under test, driven by the {@link Runner} inside its own JVM. Implementations hold the engine's
 * context between runs of a workload and write each workload with the engine's own public API, the way a user
 * of that engine would.
 */
public interface Engine {
    /** "ember" or "spark". */
    String name();

    String version();

    /**
     * Starts the engine's context in local mode. Settings: {@code cores} (local[cores]) and {@code localDir}
     * (scratch space for shuffle and spill files).
     */
    void open(Params settings);

    /** Runs one workload to completion and returns what it computed; throws if the output is wrong. */
    Result run(Workload workload, Params params);

    /** Stops the context; safe to call when it was never opened. */
    void close();
}
