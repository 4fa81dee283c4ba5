package dev.ember.ui.pages;

import dev.ember.util.Html;
import java.util.List;

/** The frame of every page: header with the tabs, the content, the stylesheet and the script. */
public final class Layout {
    /** The tabs, in order: label and path. */
    private static final List<String[]> TABS = List.of(
            new String[] {"Jobs", "/jobs/"},
            new String[] {"Stages", "/stages/"},
            new String[] {"Storage", "/storage/"},
            new String[] {"Executors", "/executors/"},
            new String[] {"Environment", "/environment/"},
            new String[] {"SQL", "/SQL/"});

    /**
     * Where the pages of one application live.
     *
     * @param base the path before each page ("" for the live UI, {@code /history/app-1} in the history server)
     * @param live whether the application may still change (the page refreshes its content)
     */
    public record Site(String base, String appName, String appId, boolean live) {
        /** {@code path} under this site, escaped for an attribute. */
        public String href(String path) {
            return Html.escape(base + path);
        }
    }

    private Layout() {}

    /**
     * The page, or only its content when {@code fragment} (what the script fetches to refresh it in place).
     *
     * @param content HTML built by the pages, with every application value already escaped
     */
    public static String page(Site site, String tab, String title, String content, boolean fragment) {
        String body = "<h2>" + Html.escape(title) + "</h2>\n" + content
                + "<p class=\"updated\" data-live=\"" + site.live() + "\">"
                + (site.live()
                        ? "Updated "
                                + java.time.LocalTime.now(java.time.ZoneId.systemDefault())
                                        .withNano(0)
                        : "Finished application")
                + "</p>\n";
        if (fragment) {
            return body;
        }
        StringBuilder page = new StringBuilder(body.length() + 2048);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(Html.escape(site.appName()))
                .append(" - ")
                .append(Html.escape(title))
                .append("</title><link rel=\"stylesheet\" href=\"")
                .append(site.href("/static/ember-ui.css"))
                .append("\"><script src=\"")
                .append(site.href("/static/ember-ui.js"))
                .append("\" defer></script></head><body>\n<header><a class=\"brand\" href=\"")
                .append(site.href("/jobs/"))
                .append("\">Ember</a><nav>");
        for (String[] entry : TABS) {
            page.append("<a href=\"")
                    .append(site.href(entry[1]))
                    .append('"')
                    .append(entry[0].equals(tab) ? " class=\"active\"" : "")
                    .append('>')
                    .append(entry[0])
                    .append("</a>");
        }
        page.append("</nav><span class=\"app\" title=\"")
                .append(Html.escape(site.appId()))
                .append("\">")
                .append(Html.escape(site.appName()))
                .append(" application UI</span></header>\n<main id=\"content\" data-live=\"")
                .append(site.live())
                .append("\">\n")
                .append(body)
                .append("</main>\n</body></html>\n");
        return page.toString();
    }

    /** A progress bar of {@code done} (and {@code running}) out of {@code total}, with a label. */
    static String progress(int done, int running, int total, String extra) {
        double doneShare = total == 0 ? 0 : 100.0 * Math.min(done, total) / total;
        double runningShare = total == 0 ? 0 : Math.min(100.0 - doneShare, 100.0 * running / total);
        return "<div class=\"progress\"><div class=\"done\" style=\"width:" + percent(doneShare)
                + "\"></div><div class=\"running\" style=\"left:" + percent(doneShare) + ";width:"
                + percent(runningShare) + "\"></div><span>" + done + "/" + total
                + (running > 0 ? " (" + running + " running)" : "") + Html.escape(extra) + "</span></div>";
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share);
    }

    /** An error answer in the frame: what was not found, with a way back. */
    public static String notFound(Site site, String tab, String message) {
        return page(site, tab, "Not found", "<p class=\"error\">" + Html.escape(message) + "</p>", false);
    }
}
