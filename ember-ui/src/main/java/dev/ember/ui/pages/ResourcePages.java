package dev.ember.ui.pages;

import dev.ember.ui.api.ApiTypes;
import dev.ember.ui.status.AppStatus;
import dev.ember.ui.status.ExecutorAccess;
import dev.ember.util.Html;
import java.util.List;
import java.util.Optional;

/** The storage, executors and environment tabs, and an executor's thread dump. */
public final class ResourcePages {
    private ResourcePages() {}

    public static String storage(Layout.Site site, AppStatus app, boolean fragment) {
        Table table = new Table(
                "rdd-table",
                List.of(
                        "ID",
                        "RDD Name",
                        "Storage Level",
                        "Cached Partitions",
                        "Fraction Cached",
                        "Size in Memory",
                        "Size on Disk"));
        for (ApiTypes.RDDStorageInfo rdd : app.rdds()) {
            table.row()
                    .number(rdd.id(), Integer.toString(rdd.id()))
                    .html(
                            "<a href=\"" + site.href("/storage/rdd/?id=" + rdd.id()) + "\">" + Html.escape(rdd.name())
                                    + "</a>",
                            rdd.name())
                    .text(rdd.storageLevel())
                    .number(rdd.numCachedPartitions(), Integer.toString(rdd.numCachedPartitions()))
                    .text(
                            rdd.numPartitions() == 0
                                    ? ""
                                    : String.format(
                                            java.util.Locale.ROOT,
                                            "%.0f%%",
                                            100.0 * rdd.numCachedPartitions() / rdd.numPartitions()))
                    .number(rdd.memoryUsed(), Format.bytes(rdd.memoryUsed()))
                    .number(rdd.diskUsed(), Format.bytes(rdd.diskUsed()));
        }
        return Layout.page(site, "Storage", "Storage", "<h3>RDDs</h3>\n" + table.render(), fragment);
    }

    public static String rdd(Layout.Site site, AppStatus app, int rddId, boolean fragment) {
        Optional<ApiTypes.RDDStorageInfo> found = app.rdd(rddId);
        if (found.isEmpty()) {
            return Layout.notFound(site, "Storage", "No cached RDD with id " + rddId);
        }
        ApiTypes.RDDStorageInfo rdd = found.get();
        StringBuilder content = new StringBuilder("<ul class=\"summary\"><li><b>Storage Level:</b> ")
                .append(Html.escape(rdd.storageLevel()))
                .append("</li><li><b>Cached Partitions:</b> ")
                .append(rdd.numCachedPartitions())
                .append(" of ")
                .append(rdd.numPartitions())
                .append("</li><li><b>Memory Size:</b> ")
                .append(Format.bytes(rdd.memoryUsed()))
                .append("</li><li><b>Disk Size:</b> ")
                .append(Format.bytes(rdd.diskUsed()))
                .append("</li></ul>\n<h3>Data Distribution on ")
                .append(rdd.dataDistribution().size())
                .append(" Executors</h3>\n");
        Table distribution =
                new Table("rdd-distribution", List.of("Host", "Memory Usage", "Memory Remaining", "Disk Usage"));
        for (ApiTypes.RDDDataDistribution where : rdd.dataDistribution()) {
            distribution
                    .row()
                    .text(where.address())
                    .number(where.memoryUsed(), Format.bytes(where.memoryUsed()))
                    .number(where.memoryRemaining(), Format.bytes(where.memoryRemaining()))
                    .number(where.diskUsed(), Format.bytes(where.diskUsed()));
        }
        content.append(distribution.render());
        content.append("<h3>").append(rdd.partitions().size()).append(" Partitions</h3>\n");
        Table partitions = new Table(
                "rdd-partitions",
                List.of("Block Name", "Storage Level", "Size in Memory", "Size on Disk", "Executors"));
        for (ApiTypes.RDDPartitionInfo partition : rdd.partitions()) {
            partitions
                    .row()
                    .text(partition.blockName())
                    .text(partition.storageLevel())
                    .number(partition.memoryUsed(), Format.bytes(partition.memoryUsed()))
                    .number(partition.diskUsed(), Format.bytes(partition.diskUsed()))
                    .text(String.join(", ", partition.executors()));
        }
        content.append(partitions.render());
        return Layout.page(site, "Storage", "RDD Storage Info for " + rdd.name(), content.toString(), fragment);
    }

    /** @param access what running processes can be asked; null when they cannot (a finished application) */
    public static String executors(Layout.Site site, AppStatus app, ExecutorAccess access, boolean fragment) {
        Table table = new Table(
                "executor-table",
                List.of(
                        "Executor ID",
                        "Address",
                        "Status",
                        "RDD Blocks",
                        "Storage Memory",
                        "Peak JVM Heap",
                        "Disk Used",
                        "Cores",
                        "Active Tasks",
                        "Failed Tasks",
                        "Complete Tasks",
                        "Total Tasks",
                        "Task Time (GC Time)",
                        "Input",
                        "Shuffle Read",
                        "Shuffle Write",
                        "Logs",
                        "Thread Dump"));
        for (ApiTypes.ExecutorSummary e : app.executors(true)) {
            String id = java.net.URLEncoder.encode(e.id(), java.nio.charset.StandardCharsets.UTF_8);
            boolean reachable = access != null && e.isActive();
            String dump = reachable && access.canDump(e.id())
                    ? "<a href=\"" + site.href("/executors/threadDump/?executorId=" + id) + "\">Thread Dump</a>"
                    : "";
            StringBuilder logs = new StringBuilder();
            if (reachable && access.hasLogs(e.id())) {
                for (String stream : ExecutorAccess.STREAMS) {
                    logs.append("<a href=\"")
                            .append(site.href("/executors/logs/?executorId=" + id + "&stream=" + stream))
                            .append("\">")
                            .append(stream)
                            .append("</a> ");
                }
            }
            table.row()
                    .text(e.id())
                    .text(e.hostPort())
                    .text(
                            e.isActive()
                                    ? "Active"
                                    : "Dead" + (e.removeReason() == null ? "" : " (" + e.removeReason() + ")"))
                    .number(e.rddBlocks(), Integer.toString(e.rddBlocks()))
                    .number(e.memoryUsed(), Format.bytes(e.memoryUsed()) + " / " + Format.bytes(e.maxMemory()))
                    .number(peakHeap(e), peakHeap(e) == 0 ? "" : Format.bytes(peakHeap(e)))
                    .number(e.diskUsed(), Format.bytes(e.diskUsed()))
                    .number(e.totalCores(), Integer.toString(e.totalCores()))
                    .number(e.activeTasks(), Integer.toString(e.activeTasks()))
                    .number(e.failedTasks(), Integer.toString(e.failedTasks()))
                    .number(e.completedTasks(), Integer.toString(e.completedTasks()))
                    .number(e.totalTasks(), Integer.toString(e.totalTasks()))
                    .number(
                            e.totalDuration(),
                            Format.duration(e.totalDuration()) + " (" + Format.duration(e.totalGCTime()) + ")")
                    .number(e.totalInputBytes(), Format.bytes(e.totalInputBytes()))
                    .number(e.totalShuffleRead(), Format.bytes(e.totalShuffleRead()))
                    .number(e.totalShuffleWrite(), Format.bytes(e.totalShuffleWrite()))
                    .html(logs.toString(), "")
                    .html(dump, "");
        }
        return Layout.page(site, "Executors", "Executors", table.render(), fragment);
    }

    private static long peakHeap(ApiTypes.ExecutorSummary e) {
        return e.peakMemoryMetrics() == null ? 0 : e.peakMemoryMetrics().getOrDefault("JVMHeapMemory", 0L);
    }

    public static String threadDump(Layout.Site site, ExecutorAccess access, String executorId) {
        Optional<List<ApiTypes.ThreadStackTrace>> dump = access.threads(executorId);
        if (dump.isEmpty()) {
            return Layout.notFound(
                    site,
                    "Executors",
                    "No thread dump of executor " + executorId + ": it is not running, or did not answer");
        }
        StringBuilder content = new StringBuilder();
        for (ApiTypes.ThreadStackTrace thread : dump.get()) {
            content.append("<details class=\"thread\"><summary>")
                    .append(Html.escape(
                            thread.threadId() + " " + thread.threadName() + " (" + thread.threadState() + ")"))
                    .append("</summary><pre>")
                    .append(Html.escape(thread.stackTrace()))
                    .append("</pre></details>\n");
        }
        Layout.Site still = new Layout.Site(site.base(), site.appName(), site.appId(), false);
        return Layout.page(still, "Executors", "Thread dump for executor " + executorId, content.toString(), false);
    }

    /** The end of an executor process's {@code stdout} or {@code stderr}. */
    public static String log(Layout.Site site, ExecutorAccess access, String executorId, String stream) {
        Optional<dev.ember.status.ExecutorInspector.LogTail> tail = access.log(executorId, stream);
        if (tail.isEmpty()) {
            return Layout.notFound(
                    site,
                    "Executors",
                    "No " + stream + " of executor " + executorId
                            + ": logs are read from running executor processes of a cluster, stdout or stderr only");
        }
        long total = tail.get().totalBytes();
        String content = "<p class=\"description\">The last "
                + Format.bytes(Math.min(total, dev.ember.status.ExecutorInspector.MAX_LOG_BYTES)) + " of "
                + Format.bytes(total) + "</p>\n<pre class=\"log\">"
                + Html.escape(tail.get().text()) + "</pre>\n";
        Layout.Site still = new Layout.Site(site.base(), site.appName(), site.appId(), false);
        return Layout.page(still, "Executors", stream + " of executor " + executorId, content, false);
    }

    public static String environment(Layout.Site site, AppStatus app, boolean fragment) {
        ApiTypes.ApplicationEnvironmentInfo env = app.environment();
        StringBuilder content = new StringBuilder();
        content.append("<h3>Runtime Information</h3>\n");
        Table runtime = new Table("runtime", List.of("Name", "Value"));
        runtime.row().text("Java Version").text(env.runtime().javaVersion());
        runtime.row().text("Java Home").text(env.runtime().javaHome());
        content.append(runtime.render());
        section(content, "Ember Properties", "ember-properties", env.sparkProperties());
        section(content, "System Properties", "system-properties", env.systemProperties());
        section(content, "Classpath Entries", "classpath-entries", env.classpathEntries());
        return Layout.page(site, "Environment", "Environment", content.toString(), fragment);
    }

    private static void section(StringBuilder content, String title, String id, List<List<String>> pairs) {
        Table table = new Table(id, List.of("Name", "Value"));
        for (List<String> pair : pairs) {
            table.row().text(pair.get(0)).text(pair.get(1));
        }
        content.append("<h3>")
                .append(title)
                .append(" (")
                .append(pairs.size())
                .append(")</h3>\n")
                .append(table.render());
    }
}
