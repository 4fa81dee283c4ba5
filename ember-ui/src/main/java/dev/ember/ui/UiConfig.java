package dev.ember.ui;

import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Settings of the application UI ({@code ember.ui.enabled} itself is the core's: it decides whether to load this). */
public final class UiConfig implements ConfigProvider {
    public static final ConfigEntry<Integer> PORT = ConfigEntry.key("ember.ui.port")
            .doc("Port of the application UI; when taken, the next free one of the 16 after it. 0: any free port.")
            .intConf()
            .between(0, true, 65535, true, "a port number")
            .defaultValue(4040);

    public static final ConfigEntry<String> HOST = ConfigEntry.key("ember.ui.host")
            .doc("Address the application UI listens on, and only it. Unset: ember.driver.bindAddress, else"
                    + " ember.driver.host, else localhost for local and local-cluster masters and every interface"
                    + " (0.0.0.0) for a cluster.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<Long> START_DELAY = ConfigEntry.key("ember.ui.startDelay")
            .doc("Time after the context starts before the UI opens its port, so that the context's start and first"
                    + " job do not share the machine with it; an application that stops sooner never serves its UI"
                    + " (its events are still kept, and logged with ember.eventLog.enabled).")
            .timeConf(TimeUnit.MILLISECONDS)
            .nonNegative()
            .defaultString("300ms");

    public static final ConfigEntry<Integer> RETAINED_JOBS = ConfigEntry.key("ember.ui.retainedJobs")
            .doc("Finished jobs the UI keeps; older ones are forgotten first.")
            .intConf()
            .positive()
            .defaultValue(1000);

    public static final ConfigEntry<Integer> RETAINED_STAGES = ConfigEntry.key("ember.ui.retainedStages")
            .doc("Finished stage attempts the UI keeps; older ones are forgotten first.")
            .intConf()
            .positive()
            .defaultValue(1000);

    public static final ConfigEntry<Integer> RETAINED_TASKS = ConfigEntry.key("ember.ui.retainedTasks")
            .doc("Tasks the UI keeps per stage attempt; past it, the oldest finished ones are dropped from the task"
                    + " table (the stage's totals still count them).")
            .intConf()
            .positive()
            .defaultValue(100_000);

    public static final ConfigEntry<Integer> RETAINED_DEAD_EXECUTORS = ConfigEntry.key("ember.ui.retainedDeadExecutors")
            .doc("Removed executors the UI keeps listing.")
            .intConf()
            .nonNegative()
            .defaultValue(100);

    public static final ConfigEntry<Integer> RETAINED_EXECUTIONS = ConfigEntry.key("ember.sql.ui.retainedExecutions")
            .doc("Finished SQL query executions the UI keeps; older ones are forgotten first.")
            .intConf()
            .positive()
            .defaultValue(1000);

    public static final ConfigEntry<String> USER = ConfigEntry.key("ember.ui.user")
            .doc("With ember.authenticate on, the user name the UI asks for.")
            .stringConf()
            .defaultValue("ember");

    public static final ConfigEntry<String> PASSWORD = ConfigEntry.key("ember.ui.password")
            .doc("With ember.authenticate on, the password the UI asks for; unset, the shared secret"
                    + " (ember.authenticate.secret).")
            .stringConf()
            .optional();

    public static final ConfigEntry<Long> REQUEST_TIMEOUT = ConfigEntry.key("ember.ui.requestTimeout")
            .doc("Time a connection to the UI has, from connecting, to send its whole request; slower ones are"
                    + " closed.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("10s");

    public static final ConfigEntry<String> REDACTION_REGEX = ConfigEntry.key("ember.redaction.regex")
            .doc("Settings whose key or value matches this (case-insensitive) regular expression are shown as"
                    + " *********(redacted) in the UI, its REST API and event logs.")
            .stringConf()
            .defaultValue("(?i)secret|password|token|access[.]?key|credential");

    public static final ConfigEntry<String> EVENT_LOG_DIR = ConfigEntry.key("ember.eventLog.dir")
            .doc("Directory the event logs are written to, one directory per application; the history server reads"
                    + " the same (ember.history.fs.logDirectory).")
            .stringConf()
            .defaultValue("/tmp/ember-events");

    public static final ConfigEntry<Boolean> EVENT_LOG_COMPRESS = ConfigEntry.key("ember.eventLog.compress")
            .doc("Compress event logs (gzip, flushed as written, so a crashed driver's log still reads).")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Long> EVENT_LOG_MAX_FILE = ConfigEntry.key("ember.eventLog.rolling.maxFileSize")
            .doc("An event log file past this size is closed and the next one begun.")
            .bytesConf(dev.ember.util.ByteSizes.Unit.MIB)
            .atLeast(1024, "at least 1k")
            .defaultString("128m");

    public static final ConfigEntry<String> HISTORY_DIR = ConfigEntry.key("ember.history.fs.logDirectory")
            .doc("Directory the history server reads event logs from; unset, ember.eventLog.dir.")
            .stringConf()
            .optional();

    public static final ConfigEntry<Integer> HISTORY_PORT = ConfigEntry.key("ember.history.ui.port")
            .doc("Port of the history server.")
            .intConf()
            .between(0, true, 65535, true, "a port number")
            .defaultValue(18080);

    public static final ConfigEntry<Long> HISTORY_UPDATE_INTERVAL = ConfigEntry.key("ember.history.fs.update.interval")
            .doc("How often the history server looks for new and updated event logs.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("10s");

    public static final ConfigEntry<Boolean> HISTORY_CLEANER = ConfigEntry.key("ember.history.fs.cleaner.enabled")
            .doc("Delete event logs older than ember.history.fs.cleaner.maxAge.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Long> HISTORY_MAX_AGE = ConfigEntry.key("ember.history.fs.cleaner.maxAge")
            .doc("Age (since an application's log last changed) past which the cleaner deletes it.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("7d");

    public static final ConfigEntry<Boolean> METRICS_PROMETHEUS = ConfigEntry.key("ember.metrics.prometheus.enabled")
            .doc("Serve the driver's and executors' metrics as Prometheus text at /metrics/prometheus on the UI's"
                    + " port.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> METRICS_JMX = ConfigEntry.key("ember.metrics.jmx.enabled")
            .doc("Register the driver's and executors' metrics as a JMX MBean (dev.ember:type=Application).")
            .booleanConf()
            .defaultValue(true);

    /** How much a status store keeps, from the {@code ember.ui.retained*} settings. */
    public static dev.ember.ui.status.AppStatus.Limits limits(dev.ember.EmberConf conf) {
        return new dev.ember.ui.status.AppStatus.Limits(
                conf.get(RETAINED_JOBS),
                conf.get(RETAINED_STAGES),
                conf.get(RETAINED_TASKS),
                conf.get(RETAINED_DEAD_EXECUTORS),
                conf.get(RETAINED_EXECUTIONS));
    }

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(
                PORT,
                HOST,
                START_DELAY,
                RETAINED_JOBS,
                RETAINED_STAGES,
                RETAINED_TASKS,
                RETAINED_DEAD_EXECUTORS,
                RETAINED_EXECUTIONS,
                USER,
                PASSWORD,
                REQUEST_TIMEOUT,
                REDACTION_REGEX,
                EVENT_LOG_DIR,
                EVENT_LOG_COMPRESS,
                EVENT_LOG_MAX_FILE,
                HISTORY_DIR,
                HISTORY_PORT,
                HISTORY_UPDATE_INTERVAL,
                HISTORY_CLEANER,
                HISTORY_MAX_AGE,
                METRICS_PROMETHEUS,
                METRICS_JMX);
    }
}
