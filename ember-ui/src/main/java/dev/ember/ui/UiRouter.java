package dev.ember.ui;

import dev.ember.network.http.HttpRequest;
import dev.ember.network.http.HttpResponse;
import dev.ember.ui.api.Applications;
import dev.ember.ui.api.RestApi;
import dev.ember.ui.pages.JobsPages;
import dev.ember.ui.pages.Layout;
import dev.ember.ui.pages.ResourcePages;
import dev.ember.ui.pages.SqlPages;
import dev.ember.ui.pages.StagesPages;
import dev.ember.ui.status.AppStatus;
import dev.ember.ui.status.ExecutorAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a request to what answers it: {@code /api/v1/...} to the REST API, {@code /static/...} to the stylesheet and
 * script, and the tabs ({@code /jobs/}, {@code /stages/}, {@code /storage/}, {@code /executors/},
 * {@code /environment/}) to the pages of one application. Pages of an unknown id answer 404 in the page frame.
 */
public final class UiRouter {
    private static final Map<String, String> ASSETS =
            Map.of("ember-ui.css", "text/css; charset=utf-8", "ember-ui.js", "text/javascript; charset=utf-8");

    private final RestApi api;
    private final ExecutorAccess access;
    private final Map<String, byte[]> assets = new HashMap<>();

    /** @param access what the application's processes can be asked; null when they do not run (history) */
    public UiRouter(Applications applications, ExecutorAccess access) {
        this.api = new RestApi(applications, access);
        this.access = access;
        for (String name : ASSETS.keySet()) {
            try (InputStream in = UiRouter.class.getResourceAsStream("static/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("The UI's " + name + " is missing from its jar");
                }
                assets.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Answers the REST API and the static assets; null for anything else. */
    public HttpResponse common(HttpRequest request, String path) {
        if (path.equals(RestApi.PREFIX) || path.startsWith(RestApi.PREFIX + "/")) {
            return api.answer(request);
        }
        if (path.startsWith("/static/")) {
            String name = path.substring("/static/".length());
            byte[] body = assets.get(name);
            if (body == null) {
                return HttpResponse.text(404, "No asset " + name + "\n");
            }
            return new HttpResponse(200, ASSETS.get(name), body, Map.of());
        }
        return null;
    }

    /** A page of {@code app}; {@code path} is the part after the site's base. */
    public HttpResponse page(HttpRequest request, String path, AppStatus app, String base) {
        Layout.Site site = new Layout.Site(base, app.appName(), app.appId(), access != null && !app.completed());
        ExecutorAccess running = site.live() ? access : null;
        boolean fragment = "1".equals(request.param("fragment"));
        String html;
        switch (path) {
            case "", "/" -> {
                return HttpResponse.redirect(base + "/jobs/");
            }
            case "/jobs", "/jobs/" -> html = JobsPages.jobs(site, app, fragment);
            case "/jobs/job", "/jobs/job/" -> html = JobsPages.job(site, app, id(request, "id"), fragment);
            case "/stages", "/stages/" -> html = StagesPages.stages(site, app, fragment);
            case "/stages/stage", "/stages/stage/" -> {
                Map<String, String> query = new HashMap<>();
                request.query().forEach((name, values) -> query.put(name, values.get(0)));
                html = StagesPages.stage(site, app, id(request, "id"), request.intParam("attempt", 0), query, fragment);
            }
            case "/storage", "/storage/" -> html = ResourcePages.storage(site, app, fragment);
            case "/storage/rdd", "/storage/rdd/" -> html = ResourcePages.rdd(site, app, id(request, "id"), fragment);
            case "/executors", "/executors/" -> html = ResourcePages.executors(site, app, running, fragment);
            case "/executors/threadDump", "/executors/threadDump/" -> {
                String executor = request.param("executorId");
                html = running != null && executor != null
                        ? ResourcePages.threadDump(site, running, executor)
                        : Layout.notFound(site, "Executors", "Thread dumps are only taken of a running application");
            }
            case "/executors/logs", "/executors/logs/" -> {
                String executor = request.param("executorId");
                String stream = request.param("stream") == null ? "stderr" : request.param("stream");
                html = running != null && executor != null
                        ? ResourcePages.log(site, running, executor, stream)
                        : Layout.notFound(site, "Executors", "Logs are only read from a running application");
            }
            case "/environment", "/environment/" -> html = ResourcePages.environment(site, app, fragment);
            case "/SQL", "/SQL/" -> html = SqlPages.executions(site, app, fragment);
            case "/SQL/execution", "/SQL/execution/" ->
                html = SqlPages.execution(site, app, id(request, "id"), fragment);
            default -> {
                return HttpResponse.of(
                        404,
                        "text/html; charset=utf-8",
                        Layout.notFound(
                                site,
                                "Jobs",
                                "Nothing at " + path + "; the pages are "
                                        + String.join(
                                                ", ",
                                                List.of(
                                                        "/jobs/",
                                                        "/stages/",
                                                        "/storage/",
                                                        "/executors/",
                                                        "/environment/"))
                                        + " and the REST API is at " + RestApi.PREFIX + "/applications"));
            }
        }
        boolean missing = html.contains("<h2>Not found</h2>");
        return HttpResponse.of(missing ? 404 : 200, "text/html; charset=utf-8", html);
    }

    private static int id(HttpRequest request, String name) {
        String value = request.param(name);
        if (value == null) {
            throw new HttpRequest.BadRequestException("Query parameter " + name + " is missing");
        }
        return request.intParam(name, 0);
    }
}
