package dev.ember.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ember.EmberConf;
import dev.ember.network.http.HttpRequest;
import dev.ember.network.http.HttpResponse;
import dev.ember.network.http.HttpServer;
import dev.ember.util.Html;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's web page: its workers, applications (linking to each running one's UI) and drivers, as HTML at
 * {@code /} (refreshing itself) and as JSON at {@code /json}. Read-only: it takes no input, changes nothing and shows
 * no secret. Served by an {@link HttpServer}, which bounds requests in size and time ({@code
 * ember.master.ui.requestTimeout} from connecting to a complete request) and builds pages off its event loop.
 */
final class MasterWebUI implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterWebUI.class);

    /** Ports tried after the one asked for, when it is taken. */
    static final int PORT_RETRIES = 16;

    /** Time from a complete request to its answer sent; asking the master takes at most 10 s of it. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Marks a table cell holding an address to link to. */
    private static final String LINK = "\u0000link:";

    private final HttpServer server;

    private MasterWebUI(HttpServer server) {
        this.server = server;
    }

    /**
     * Serves the page on {@code host:port}, or the next free port of the {@value #PORT_RETRIES} after it (0: any
     * free port), showing what {@code state} answers on each request; {@code conf} gives
     * {@link DeployConfig#MASTER_UI_REQUEST_TIMEOUT}.
     */
    static MasterWebUI start(EmberConf conf, String host, int port, Supplier<DeployMessages.MasterState> state) {
        Duration requestTimeout = Duration.ofMillis(conf.get(DeployConfig.MASTER_UI_REQUEST_TIMEOUT));
        HttpServer.Options options = new HttpServer.Options(
                "master web UI",
                host,
                port,
                PORT_RETRIES,
                requestTimeout,
                ANSWER_TIMEOUT,
                2,
                null,
                null,
                "choose another with --webui-port, or -1 for none");
        MasterWebUI ui = new MasterWebUI(HttpServer.start(options, request -> answer(request, state)));
        LOG.info("Master web UI at {}", ui.url());
        return ui;
    }

    int port() {
        return server.port();
    }

    String url() {
        return server.url() + "/";
    }

    private static HttpResponse answer(HttpRequest request, Supplier<DeployMessages.MasterState> state)
            throws Exception {
        String path = request.path();
        if (path.equals("/")) {
            return HttpResponse.html(html(state.get()));
        } else if (path.equals("/json") || path.equals("/json/")) {
            return HttpResponse.json(200, JSON.writeValueAsString(state.get()) + "\n");
        }
        return HttpResponse.text(404, "Nothing at " + path + "; the cluster is at / and /json\n");
    }

    /** The page: three tables, every value escaped (application names come from users). */
    static String html(DeployMessages.MasterState state) {
        StringBuilder page = new StringBuilder(4096);
        page.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"10\"><title>Ember master ")
                .append(Html.escape(state.url()))
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;")
                .append("margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
                .append("th{background:#f4f4f4}</style></head><body>\n<h1>Ember master ")
                .append(Html.escape(state.url()))
                .append("</h1>\n");
        int cores = 0;
        int coresUsed = 0;
        for (DeployMessages.WorkerSummary worker : state.workers()) {
            if (worker.state().equals("ALIVE")) {
                cores += worker.cores();
                coresUsed += worker.coresUsed();
            }
        }
        page.append("<p>")
                .append(state.workers().size())
                .append(" worker(s); cores in use on alive workers: ")
                .append(coresUsed)
                .append(" of ")
                .append(cores)
                .append(". JSON: <a href=\"/json\">/json</a></p>\n");
        table(
                page,
                "Workers",
                List.of("Worker", "Address", "State", "Cores used", "Memory used (MB)"),
                state.workers().stream()
                        .map(worker -> List.of(
                                worker.workerId(),
                                worker.hostPort(),
                                worker.state(),
                                worker.coresUsed() + " / " + worker.cores(),
                                worker.memoryUsedMb() + " / " + worker.memoryMb()))
                        .toList());
        table(
                page,
                "Applications",
                List.of("Application", "Name", "State", "Cores", "Executors", "Application UI"),
                state.apps().stream()
                        .map(app -> List.of(
                                app.appId(),
                                app.name(),
                                app.state(),
                                Integer.toString(app.coresGranted()),
                                app.executors().toString(),
                                app.uiUrl() == null || !app.state().equals("RUNNING") ? "" : LINK + app.uiUrl()))
                        .toList());
        table(
                page,
                "Drivers",
                List.of("Driver", "Main class", "State", "Worker", "Supervised", "Launches"),
                state.drivers().stream()
                        .map(driver -> List.of(
                                driver.driverId(),
                                driver.mainClass(),
                                driver.state(),
                                driver.workerId() == null ? "" : driver.workerId(),
                                driver.supervise() ? "yes" : "no",
                                Integer.toString(driver.launches())))
                        .toList());
        return page.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder page, String title, List<String> header, List<List<String>> rows) {
        page.append("<h2>").append(title).append("</h2>\n<table><tr>");
        for (String name : header) {
            page.append("<th>").append(Html.escape(name)).append("</th>");
        }
        page.append("</tr>\n");
        for (List<String> row : rows) {
            page.append("<tr>");
            for (String cell : row) {
                if (cell.startsWith(LINK)) {
                    String url = cell.substring(LINK.length());
                    boolean web = url.startsWith("http://") || url.startsWith("https://");
                    page.append("<td>");
                    if (web) {
                        page.append("<a href=\"").append(Html.escape(url)).append("\">");
                    }
                    page.append(Html.escape(url)).append(web ? "</a>" : "").append("</td>");
                } else {
                    page.append("<td>").append(Html.escape(cell)).append("</td>");
                }
            }
            page.append("</tr>\n");
        }
        if (rows.isEmpty()) {
            page.append("<tr><td colspan=\"").append(header.size()).append("\">none</td></tr>\n");
        }
        page.append("</table>\n");
    }

    @Override
    public void close() {
        server.close();
    }
}
