package dev.ember.deploy;

import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Settings of the standalone master and workers. */
public final class DeployConfig implements ConfigProvider {
    /** How a master keeps its state across restarts. */
    public enum RecoveryMode {
        NONE,
        FILESYSTEM
    }

    public static final ConfigEntry<Boolean> SPREAD_OUT = ConfigEntry.key("ember.deploy.spreadOut")
            .doc("Whether the master spreads an application's executors over as many workers as it can (true) or"
                    + " packs them onto as few as it can (false).")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Integer> MAX_EXECUTOR_RETRIES = ConfigEntry.key("ember.deploy.maxExecutorRetries")
            .doc("How many executor failures in a row an application survives while it has no executor running;"
                    + " after that the master removes it.")
            .intConf()
            .nonNegative()
            .defaultValue(10);

    public static final ConfigEntry<Integer> RETAINED_APPLICATIONS = ConfigEntry.key(
                    "ember.deploy.retainedApplications")
            .doc("How many finished applications the master remembers, newest first, for `bin/ember status` and its"
                    + " page; older ones are forgotten.")
            .intConf()
            .nonNegative()
            .defaultValue(200);

    public static final ConfigEntry<Long> WORKER_TIMEOUT = ConfigEntry.key("ember.worker.timeout")
            .doc("A worker that has not sent a heartbeat for this long is marked dead; workers send one every"
                    + " quarter of it.")
            .timeConf(TimeUnit.MILLISECONDS)
            .atLeast(100, "at least 100ms")
            .defaultString("60s");

    public static final ConfigEntry<RecoveryMode> RECOVERY_MODE = ConfigEntry.key("ember.deploy.recoveryMode")
            .doc("NONE, or FILESYSTEM: the master writes registered workers and applications to"
                    + " ember.deploy.recoveryDirectory and a restarted master recovers them.")
            .enumConf(RecoveryMode.class)
            .defaultValue(RecoveryMode.NONE);

    public static final ConfigEntry<String> RECOVERY_DIRECTORY = ConfigEntry.key("ember.deploy.recoveryDirectory")
            .doc("Where a master with ember.deploy.recoveryMode=FILESYSTEM keeps its state.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<Long> EXECUTOR_KILL_GRACE = ConfigEntry.key("ember.worker.executorKillGrace")
            .doc("How long a worker lets an executor it stops exit on its own before killing it forcibly.")
            .timeConf(TimeUnit.MILLISECONDS)
            .nonNegative()
            .defaultString("5s");

    public static final ConfigEntry<Long> WORKER_DECOMMISSION_TIMEOUT = ConfigEntry.key(
                    "ember.worker.decommission.timeout")
            .doc("How long a worker being decommissioned waits for its executors to hand over their blocks and exit,"
                    + " and for the drivers it runs to finish, before it stops what still runs and leaves.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("3min");

    public static final ConfigEntry<Boolean> DECOMMISSION_ON_TERM = ConfigEntry.key("ember.decommission.enabled")
            .doc("Whether a worker told to stop (SIGTERM, Ctrl-C) decommissions itself first: its executors hand their"
                    + " map outputs and cached partitions to executors on other workers before it exits, within"
                    + " ember.worker.decommission.timeout.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<Integer> MASTER_UI_PORT = ConfigEntry.key("ember.master.ui.port")
            .doc("Port of the master's web page (workers, applications, drivers; JSON at /json); the next free one of"
                    + " the 16 after it when taken; 0: any free port; -1: no web page. Off by default for"
                    + " local-cluster.")
            .intConf()
            .between(-1, true, 65535, true, "from -1 to 65535")
            .defaultValue(8080);

    public static final ConfigEntry<Long> MASTER_UI_REQUEST_TIMEOUT = ConfigEntry.key("ember.master.ui.requestTimeout")
            .doc("Time a connection to the master's web page has, from connecting, to send its whole request; one that"
                    + " has not is closed, however slowly it keeps sending. The answer then has 30s to go out.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("10s");

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(
                SPREAD_OUT,
                MAX_EXECUTOR_RETRIES,
                WORKER_TIMEOUT,
                RECOVERY_MODE,
                RECOVERY_DIRECTORY,
                EXECUTOR_KILL_GRACE,
                WORKER_DECOMMISSION_TIMEOUT,
                DECOMMISSION_ON_TERM,
                MASTER_UI_PORT,
                MASTER_UI_REQUEST_TIMEOUT);
    }
}
