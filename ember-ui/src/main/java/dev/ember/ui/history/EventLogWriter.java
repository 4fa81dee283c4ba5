package dev.ember.ui.history;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.io.CountingOutputStream;
import dev.ember.ui.status.JvmDetails;
import dev.ember.ui.status.Redaction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an application's events, one JSON line each, into {@code <dir>/eventlog_v2_<appId>/}: files
 * {@code events_<n>_<appId>.jsonl[.gz]}, the next begun when one passes the size limit, and a marker
 * {@code appstatus_<appId>.inprogress} renamed to {@code appstatus_<appId>} when the application ends. Compressed files
 * are flushed with gzip's sync flush at job and stage ends and at least once a second of events, so what a crashed
 * driver logged up to then still reads. Settings and system properties are redacted before they are written. Runs
 * on the listener bus's thread; a write that fails is logged once and ends the log, never the application.
 */
public final class EventLogWriter implements EmberListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogWriter.class);
    private static final long FLUSH_MILLIS = 1000;
    static final String DIRECTORY_PREFIX = "eventlog_v2_";
    static final String EVENTS_PREFIX = "events_";
    static final String STATUS_PREFIX = "appstatus_";
    static final String IN_PROGRESS = ".inprogress";

    private final Path root;
    private final boolean compress;
    private final long maxFileBytes;
    private final Redaction redaction;
    /** Events before the application's start (which names the directory), held until it comes. */
    private final List<EmberListenerEvent> early = new ArrayList<>();

    private Path directory;
    private String appId;
    private int fileIndex;
    private CountingOutputStream file;
    private Writer out;
    private long lastFlush;
    private boolean failed;

    public EventLogWriter(Path root, boolean compress, long maxFileBytes, Redaction redaction) {
        this.root = root;
        this.compress = compress;
        this.maxFileBytes = maxFileBytes;
        this.redaction = redaction;
    }

    /** The application's log directory, once it started. */
    public synchronized Path directory() {
        return directory;
    }

    private synchronized void log(EmberListenerEvent event) {
        if (failed || !EventJson.logged(event)) {
            return;
        }
        try {
            if (out == null) {
                if (!(event instanceof EmberListenerEvent.ApplicationStart start)) {
                    early.add(redacted(event));
                    return;
                }
                open(start.appId());
                write(event);
                for (EmberListenerEvent held : early) {
                    write(held);
                }
                early.clear();
                return;
            }
            write(redacted(event));
            boolean milestone = event instanceof EmberListenerEvent.JobEnd
                    || event instanceof EmberListenerEvent.StageCompleted
                    || event instanceof EmberListenerEvent.ExecutorRemoved;
            long now = System.currentTimeMillis();
            if (milestone || now - lastFlush >= FLUSH_MILLIS) {
                out.flush();
                lastFlush = now;
            }
            if (file.count() >= maxFileBytes) {
                roll();
            }
            if (event instanceof EmberListenerEvent.ApplicationEnd) {
                finish();
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.warn("Stopped writing the event log in {}: {}", directory, e.toString());
            closeQuietly();
        }
    }

    private EmberListenerEvent redacted(EmberListenerEvent event) {
        if (event instanceof EmberListenerEvent.EnvironmentUpdate update) {
            return new EmberListenerEvent.EnvironmentUpdate(redact(update.settings()));
        }
        if (event instanceof EmberListenerEvent.JobStart start && start.properties() != null) {
            return new EmberListenerEvent.JobStart(
                    start.jobId(), start.time(), start.stageInfos(), redact(start.properties()));
        }
        if (event instanceof EmberListenerEvent.StageSubmitted submitted && submitted.properties() != null) {
            return new EmberListenerEvent.StageSubmitted(submitted.stageInfo(), redact(submitted.properties()));
        }
        if (event instanceof JvmDetails jvm) {
            return new JvmDetails(jvm.javaVersion(), jvm.javaHome(), redact(jvm.systemProperties()), jvm.classPath());
        }
        return event;
    }

    private java.util.Properties redact(java.util.Properties properties) {
        java.util.Properties redacted = new java.util.Properties();
        for (String name : properties.stringPropertyNames()) {
            redacted.setProperty(name, redaction.redact(name, properties.getProperty(name)));
        }
        return redacted;
    }

    private Map<String, String> redact(Map<String, String> values) {
        Map<String, String> redacted = new LinkedHashMap<>();
        values.forEach((key, value) -> redacted.put(key, redaction.redact(key, value)));
        return redacted;
    }

    private void open(String id) throws IOException {
        appId = id.replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = root.resolve(DIRECTORY_PREFIX + appId);
        for (int attempt = 1; Files.exists(dir); attempt++) {
            // An id seen before (a restarted application with a fixed id): never overwrite its log.
            dir = root.resolve(DIRECTORY_PREFIX + appId + "_" + attempt);
        }
        Files.createDirectories(dir);
        directory = dir;
        Files.createFile(dir.resolve(STATUS_PREFIX + appId + IN_PROGRESS));
        fileIndex = 0;
        roll();
        LOG.info("Logging events to {}", dir);
    }

    private void roll() throws IOException {
        if (out != null) {
            out.close();
        }
        fileIndex++;
        Path path = directory.resolve(EVENTS_PREFIX + fileIndex + "_" + appId + ".jsonl" + (compress ? ".gz" : ""));
        file = new CountingOutputStream(Files.newOutputStream(path));
        OutputStream stream = compress ? new GZIPOutputStream(file, 64 * 1024, true) : file;
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        lastFlush = System.currentTimeMillis();
    }

    private void write(EmberListenerEvent event) throws IOException {
        if (EventJson.logged(event)) {
            EventJson.write(event, out);
        }
    }

    private void finish() throws IOException {
        out.close();
        out = null;
        Path marker = directory.resolve(STATUS_PREFIX + appId + IN_PROGRESS);
        Files.move(marker, directory.resolve(STATUS_PREFIX + appId), StandardCopyOption.ATOMIC_MOVE);
        failed = true; // nothing is written after the end
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing the event log: {}", e.toString());
        }
        out = null;
    }

    /** Flushes what was written; the log stays in progress unless the application's end was logged. */
    @Override
    public synchronized void close() {
        closeQuietly();
    }

    // ---- every event goes to the log ----

    @Override
    public void onApplicationStart(EmberListenerEvent.ApplicationStart event) {
        log(event);
    }

    @Override
    public void onApplicationEnd(EmberListenerEvent.ApplicationEnd event) {
        log(event);
    }

    @Override
    public void onEnvironmentUpdate(EmberListenerEvent.EnvironmentUpdate event) {
        log(event);
    }

    @Override
    public void onJobStart(EmberListenerEvent.JobStart event) {
        log(event);
    }

    @Override
    public void onJobEnd(EmberListenerEvent.JobEnd event) {
        log(event);
    }

    @Override
    public void onStageSubmitted(EmberListenerEvent.StageSubmitted event) {
        log(event);
    }

    @Override
    public void onStageCompleted(EmberListenerEvent.StageCompleted event) {
        log(event);
    }

    @Override
    public void onTaskStart(EmberListenerEvent.TaskStart event) {
        log(event);
    }

    @Override
    public void onTaskGettingResult(EmberListenerEvent.TaskGettingResult event) {
        log(event);
    }

    @Override
    public void onTaskEnd(EmberListenerEvent.TaskEnd event) {
        log(event);
    }

    @Override
    public void onSpeculativeTaskSubmitted(EmberListenerEvent.SpeculativeTaskSubmitted event) {
        log(event);
    }

    @Override
    public void onExecutorAdded(EmberListenerEvent.ExecutorAdded event) {
        log(event);
    }

    @Override
    public void onExecutorRemoved(EmberListenerEvent.ExecutorRemoved event) {
        log(event);
    }

    @Override
    public void onBlockManagerAdded(EmberListenerEvent.BlockManagerAdded event) {
        log(event);
    }

    @Override
    public void onBlockUpdated(EmberListenerEvent.BlockUpdated event) {
        log(event);
    }

    @Override
    public void onUnpersistRdd(EmberListenerEvent.UnpersistRdd event) {
        log(event);
    }

    @Override
    public void onExecutorMetricsUpdate(EmberListenerEvent.ExecutorMetricsUpdate event) {
        log(event);
    }

    @Override
    public void onOtherEvent(EmberListenerEvent.Custom event) {
        log(event);
    }
}
