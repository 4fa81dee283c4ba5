package dev.ember.ui.pages;

import dev.ember.events.RddInfo;
import dev.ember.events.StageInfo;
import dev.ember.ui.status.StageNode;
import dev.ember.util.Html;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pictures of a job (its stages as boxes holding their RDD operations, with the shuffles between stages as
 * arrows; each stage links to its page) and of a stage (its RDDs and their narrow dependencies). Laid out in columns
 * by depth: a node sits one column right of its deepest parent. Nodes carry {@code class="stage"} or
 * {@code class="rdd"} and arrows {@code class="edge"}, with their ids in data attributes.
 */
final class DagSvg {
    private static final int COLUMN = 230;
    private static final int BOX_WIDTH = 190;
    private static final int LINE = 16;
    private static final int GAP = 24;

    private DagSvg() {}

    static String job(Layout.Site site, List<StageNode> stages) {
        Map<Integer, StageNode> byId = new HashMap<>();
        for (StageNode node : stages) {
            byId.put(node.info().stageId(), node);
        }
        Map<Integer, List<Integer>> parents = new HashMap<>();
        for (StageNode node : stages) {
            parents.put(node.info().stageId(), node.info().parentIds());
        }
        Map<Integer, Integer> depth = new HashMap<>();
        for (StageNode node : stages) {
            depth(node.info().stageId(), parents, depth);
        }
        List<Box> boxes = new ArrayList<>();
        for (StageNode node : stages) {
            StageInfo info = node.info();
            List<String> lines = new ArrayList<>();
            for (RddInfo rdd : sortedRdds(info)) {
                lines.add(rdd.scope() + " [" + rdd.id() + "]" + (rdd.callSite() == null ? "" : " " + rdd.callSite()));
            }
            boxes.add(new Box(
                    info.stageId(),
                    depth.get(info.stageId()),
                    "Stage " + info.stageId() + (node.status().equals("SKIPPED") ? " (skipped)" : ""),
                    lines,
                    node.status().toLowerCase(Locale.ROOT),
                    "/stages/stage/?id=" + info.stageId() + "&attempt=" + node.attempt()));
        }
        List<int[]> edges = new ArrayList<>();
        for (StageNode node : stages) {
            for (int parent : node.info().parentIds()) {
                if (byId.containsKey(parent)) {
                    edges.add(new int[] {parent, node.info().stageId()});
                }
            }
        }
        return draw(site, "job-dag", "stage", boxes, edges);
    }

    static String stage(StageInfo info) {
        Map<Integer, RddInfo> byId = new HashMap<>();
        for (RddInfo rdd : info.rddInfos()) {
            byId.put(rdd.id(), rdd);
        }
        Map<Integer, List<Integer>> parents = new HashMap<>();
        for (RddInfo rdd : info.rddInfos()) {
            parents.put(rdd.id(), rdd.parentIds());
        }
        Map<Integer, Integer> depth = new HashMap<>();
        for (RddInfo rdd : info.rddInfos()) {
            depth(rdd.id(), parents, depth);
        }
        List<Box> boxes = new ArrayList<>();
        List<int[]> edges = new ArrayList<>();
        for (RddInfo rdd : sortedRdds(info)) {
            List<String> lines = new ArrayList<>();
            if (rdd.name() != null) {
                lines.add(rdd.name());
            }
            if (rdd.callSite() != null) {
                lines.add(rdd.callSite());
            }
            if (rdd.storageLevel() != null
                    && (rdd.storageLevel().useMemory() || rdd.storageLevel().useDisk())) {
                lines.add("cached: " + rdd.storageLevel().description());
            }
            boxes.add(new Box(rdd.id(), depth.get(rdd.id()), rdd.scope() + " [" + rdd.id() + "]", lines, "rdd", null));
            for (int parent : rdd.parentIds()) {
                if (byId.containsKey(parent)) {
                    edges.add(new int[] {parent, rdd.id()});
                }
            }
        }
        return draw(null, "stage-dag", "rdd", boxes, edges);
    }

    /**
     * A query's physical plan: a box per node with what it measured, rows flowing from the scans on the left to the
     * result on the right.
     */
    static String plan(dev.ember.ui.api.ApiTypes.ExecutionData execution) {
        Map<Integer, List<Integer>> inputs = new HashMap<>();
        for (var node : execution.nodes()) {
            inputs.put((int) node.nodeId(), new ArrayList<>());
        }
        List<int[]> edges = new ArrayList<>();
        for (var edge : execution.edges()) {
            inputs.get((int) edge.toId()).add((int) edge.fromId());
            edges.add(new int[] {(int) edge.fromId(), (int) edge.toId()});
        }
        Map<Integer, Integer> depth = new HashMap<>();
        List<Box> boxes = new ArrayList<>();
        for (var node : execution.nodes()) {
            int id = (int) node.nodeId();
            List<String> lines = new ArrayList<>();
            lines.add(node.description());
            for (var metric : node.metrics()) {
                lines.add(metric.name() + ": " + metric.value());
            }
            boxes.add(new Box(id, depth(id, inputs, depth), node.nodeName(), lines, "node", null));
        }
        return draw(null, "sql-dag", "node", boxes, edges);
    }

    private static List<RddInfo> sortedRdds(StageInfo info) {
        List<RddInfo> rdds = new ArrayList<>(info.rddInfos());
        rdds.sort(java.util.Comparator.comparingInt(RddInfo::id));
        return rdds;
    }

    /** Column of node {@code id}: one right of its deepest parent among the drawn nodes (those in {@code parents}). */
    private static int depth(int id, Map<Integer, List<Integer>> parents, Map<Integer, Integer> memo) {
        Integer known = memo.get(id);
        if (known != null) {
            return known;
        }
        memo.put(id, 0); // a guard against cycles, which a DAG has none of
        int deepest = -1;
        for (int parent : parents.getOrDefault(id, List.of())) {
            if (parents.containsKey(parent)) {
                deepest = Math.max(deepest, depth(parent, parents, memo));
            }
        }
        memo.put(id, deepest + 1);
        return deepest + 1;
    }

    private record Box(int id, int column, String title, List<String> lines, String status, String link) {
        int height() {
            return 30 + LINE * lines.size();
        }
    }

    private static String draw(Layout.Site site, String id, String kind, List<Box> boxes, List<int[]> edges) {
        Map<Integer, int[]> position = new HashMap<>();
        Map<Integer, Integer> columnHeight = new HashMap<>();
        int width = 0;
        int height = 0;
        boxes.sort(java.util.Comparator.comparingInt(Box::column).thenComparingInt(Box::id));
        for (Box box : boxes) {
            int x = 10 + box.column() * COLUMN;
            int y = columnHeight.getOrDefault(box.column(), 10);
            position.put(box.id(), new int[] {x, y, box.height()});
            columnHeight.put(box.column(), y + box.height() + GAP);
            width = Math.max(width, x + BOX_WIDTH + 10);
            height = Math.max(height, y + box.height() + 10);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"dag\" id=\"")
                .append(id)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\"><defs><marker id=\"")
                .append(id)
                .append("-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                        + " orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
        for (int[] edge : edges) {
            int[] from = position.get(edge[0]);
            int[] to = position.get(edge[1]);
            if (from == null || to == null) {
                continue;
            }
            int x1 = from[0] + BOX_WIDTH;
            int y1 = from[1] + from[2] / 2;
            int x2 = to[0];
            int y2 = to[1] + to[2] / 2;
            if (x2 <= x1) {
                x1 = from[0] + BOX_WIDTH / 2;
                y1 = from[1] + from[2];
                x2 = to[0] + BOX_WIDTH / 2;
                y2 = to[1];
            }
            svg.append("<path class=\"edge\" data-from=\"")
                    .append(edge[0])
                    .append("\" data-to=\"")
                    .append(edge[1])
                    .append("\" d=\"M")
                    .append(x1)
                    .append(',')
                    .append(y1)
                    .append(" C")
                    .append((x1 + x2) / 2)
                    .append(',')
                    .append(y1)
                    .append(' ')
                    .append((x1 + x2) / 2)
                    .append(',')
                    .append(y2)
                    .append(' ')
                    .append(x2)
                    .append(',')
                    .append(y2)
                    .append("\" marker-end=\"url(#")
                    .append(id)
                    .append("-arrow)\"/>");
        }
        for (Box box : boxes) {
            int[] at = position.get(box.id());
            if (box.link() != null && site != null) {
                svg.append("<a href=\"").append(site.href(box.link())).append("\">");
            }
            svg.append("<g class=\"")
                    .append(kind)
                    .append(' ')
                    .append(Html.escape(box.status()))
                    .append("\" data-id=\"")
                    .append(box.id())
                    .append("\"><rect x=\"")
                    .append(at[0])
                    .append("\" y=\"")
                    .append(at[1])
                    .append("\" width=\"")
                    .append(BOX_WIDTH)
                    .append("\" height=\"")
                    .append(at[2])
                    .append("\" rx=\"6\"/><text class=\"title\" x=\"")
                    .append(at[0] + 8)
                    .append("\" y=\"")
                    .append(at[1] + 19)
                    .append("\">")
                    .append(Html.escape(box.title()))
                    .append("</text>");
            int y = at[1] + 19 + LINE;
            for (String line : box.lines()) {
                String shown = line.length() > 30 ? line.substring(0, 29) + "\u2026" : line;
                svg.append("<text x=\"")
                        .append(at[0] + 8)
                        .append("\" y=\"")
                        .append(y)
                        .append("\"><title>")
                        .append(Html.escape(line))
                        .append("</title>")
                        .append(Html.escape(shown))
                        .append("</text>");
                y += LINE;
            }
            svg.append("</g>");
            if (box.link() != null && site != null) {
                svg.append("</a>");
            }
        }
        return svg.append("</svg>\n").toString();
    }
}
