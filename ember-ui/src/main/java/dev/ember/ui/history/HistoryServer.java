package dev.ember.ui.history;

import dev.ember.EmberConf;
import dev.ember.network.http.HttpRequest;
import dev.ember.network.http.HttpResponse;
import dev.ember.network.http.HttpServer;
import dev.ember.ui.UiConfig;
import dev.ember.ui.UiRouter;
import dev.ember.ui.api.Applications;
import dev.ember.ui.status.AppStatus;
import dev.ember.ui.status.Redaction;
import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the applications of an event log directory, finished and running, with the application UI's pages (under
 * {@code /history/<app-id>/}) and REST API. Looks for new and changed logs every
 * {@code ember.history.fs.update.interval} and replays a log again when its files changed; deletes logs older than
 * {@code ember.history.fs.cleaner.maxAge}. Ids in requests are only looked up, never used as paths.
 */
public final class HistoryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryServer.class);

    /** One application's log and what its replay found. */
    record Entry(Path directory, String signature, AppStatus status, EventLogReader.Replay replay) {}

    private final EmberConf conf;
    private final Path logDirectory;
    /** By log directory: an application id may have more than one (a restarted application with a fixed id). */
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    private final ScheduledExecutorService scanner;
    private final HttpServer server;
    private final UiRouter router;

    private HistoryServer(EmberConf conf, Path logDirectory, int port, String host) {
        this.conf = conf;
        this.logDirectory = logDirectory;
        this.router = new UiRouter(new Listed(), null);
        scan();
        this.scanner = ThreadUtils.newDaemonSingleThreadScheduledExecutor("history-scanner");
        long interval = conf.get(UiConfig.HISTORY_UPDATE_INTERVAL);
        scanner.scheduleWithFixedDelay(this::scanQuietly, interval, interval, TimeUnit.MILLISECONDS);
        HttpServer.Options options =
                dev.ember.ui.ApplicationUiFactory.serverOptions(conf, host, port, "history server");
        HttpServer started;
        try {
            started = HttpServer.start(options, this::answer);
        } catch (RuntimeException e) {
            scanner.shutdownNow();
            throw e;
        }
        this.server = started;
        LOG.info("History server at {} for {}", server.url(), logDirectory);
    }

    /** Starts serving {@code logDirectory} on {@code host:port} (0: any free port). */
    public static HistoryServer start(EmberConf conf, Path logDirectory, String host, int port) {
        if (!Files.isDirectory(logDirectory)) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.INVALID_CONFIG_VALUE,
                    "The event log directory " + logDirectory + " does not exist; set ember.history.fs.logDirectory"
                            + " or --dir to where ember.eventLog.dir wrote");
        }
        return new HistoryServer(conf, logDirectory, port, host);
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    /** Looks for new, changed and old logs now (the scanner does so every update interval). */
    public synchronized void scan() {
        Set<Path> seen = new java.util.HashSet<>();
        long maxAge = conf.get(UiConfig.HISTORY_MAX_AGE);
        boolean clean = conf.get(UiConfig.HISTORY_CLEANER);
        try (DirectoryStream<Path> dirs =
                Files.newDirectoryStream(logDirectory, EventLogWriter.DIRECTORY_PREFIX + "*")) {
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                String signature = signature(dir);
                if (clean && System.currentTimeMillis() - lastModified(dir) > maxAge) {
                    delete(dir);
                    continue;
                }
                Entry known = entries.get(dir);
                if (known != null && known.signature().equals(signature)) {
                    seen.add(dir);
                    continue;
                }
                Entry loaded = load(dir, signature);
                if (loaded != null) {
                    entries.put(dir, loaded);
                    seen.add(dir);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the event logs in {}: {}", logDirectory, e.toString());
            return;
        }
        entries.keySet().retainAll(seen);
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Scanning the event logs failed", e);
        }
    }

    private Entry load(Path dir, String signature) {
        AppStatus status = new AppStatus(UiConfig.limits(conf), new Redaction(conf.get(UiConfig.REDACTION_REGEX)));
        try {
            EventLogReader.Replay replay = EventLogReader.replay(dir, status);
            if (status.appId().isEmpty()) {
                LOG.warn("Event log {} has no application start; not shown", dir);
                return null;
            }
            return new Entry(dir, signature, status, replay);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot replay the event log {}: {}", dir, e.toString());
            return null;
        }
    }

    /** The sizes and times of a log's files: it changes whenever anything was written. */
    private static String signature(Path dir) throws IOException {
        StringBuilder signature = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                signature
                        .append(file.getFileName())
                        .append(':')
                        .append(Files.size(file))
                        .append(':')
                        .append(Files.getLastModifiedTime(file).toMillis())
                        .append(';');
            }
        }
        return signature.toString();
    }

    private static long lastModified(Path dir) throws IOException {
        long latest = Files.getLastModifiedTime(dir).toMillis();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                latest = Math.max(latest, Files.getLastModifiedTime(file).toMillis());
            }
        }
        return latest;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
            LOG.info("Deleted the event log {}: older than ember.history.fs.cleaner.maxAge", dir);
        } catch (IOException e) {
            LOG.warn("Cannot delete the old event log {}: {}", dir, e.toString());
        }
    }

    /** What a replay of {@code appId}'s log found, if it is known. */
    Optional<Entry> entry(String appId) {
        return newest(appId);
    }

    private HttpResponse answer(HttpRequest request) {
        String path = request.path();
        HttpResponse common = router.common(request, path);
        if (common != null) {
            return common;
        }
        if (path.equals("/") || path.isEmpty()) {
            return HttpResponse.html(HistoryPage.index(sorted()));
        }
        if (path.startsWith("/history/")) {
            String rest = path.substring("/history/".length());
            int slash = rest.indexOf('/');
            String appId = slash < 0 ? rest : rest.substring(0, slash);
            Entry entry = newest(appId).orElse(null);
            if (entry == null) {
                return HttpResponse.of(404, "text/html; charset=utf-8", HistoryPage.missing(appId));
            }
            return router.page(request, slash < 0 ? "/" : rest.substring(slash), entry.status(), "/history/" + appId);
        }
        return HttpResponse.of(404, "text/html; charset=utf-8", HistoryPage.missing(path));
    }

    /** The most recently started application with this id. */
    private Optional<Entry> newest(String appId) {
        return sorted().stream()
                .filter(entry -> entry.status().appId().equals(appId))
                .findFirst();
    }

    private List<Entry> sorted() {
        return entries.values().stream()
                .sorted(Comparator.comparing((Entry e) ->
                                e.status().application().attempts().get(0).startTimeEpoch())
                        .reversed())
                .toList();
    }

    /** The known applications, newest first. */
    private final class Listed implements Applications {
        @Override
        public List<AppStatus> list() {
            return sorted().stream().map(Entry::status).toList();
        }

        @Override
        public Optional<AppStatus> get(String appId) {
            return newest(appId).map(Entry::status);
        }
    }

    @Override
    public void close() {
        ThreadUtils.shutdownAndAwait(scanner, Duration.ofSeconds(10));
        server.close();
    }
}
