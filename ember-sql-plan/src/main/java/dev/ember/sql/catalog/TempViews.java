package dev.ember.sql.catalog;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.Identifiers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named views held in memory: a session's temporary views, or an application's global ones (in the database {@code
 * global_temp}, seen by every session of the application). A view is its analyzed plan. Names compare without regard
 * to case. Safe for use by several threads.
 */
public final class TempViews {
    private final Map<String, View> views = new ConcurrentHashMap<>();

    /** A view: its name as created, and its analyzed plan. */
    public record View(String name, LogicalPlan plan) {}

    /**
     * Creates a view; with {@code replace} an existing view of the name is replaced, otherwise it is an error naming
     * it.
     */
    public void create(String name, LogicalPlan plan, boolean replace) {
        String key = Identifiers.normalize(name);
        View view = new View(name, plan);
        if (replace) {
            views.put(key, view);
        } else if (views.putIfAbsent(key, view) != null) {
            throw new EmberException(
                    ErrorClass.ALREADY_EXISTS,
                    "A temporary view " + Identifiers.quote(name)
                            + " exists already; use CREATE OR REPLACE TEMPORARY VIEW or createOrReplaceTempView");
        }
    }

    /** Drops a view; false if there was none. */
    public boolean drop(String name) {
        return views.remove(Identifiers.normalize(name)) != null;
    }

    public Optional<View> lookup(String name) {
        return Optional.ofNullable(views.get(Identifiers.normalize(name)));
    }

    /** The views' names as created, sorted. */
    public List<String> names() {
        Map<String, String> sorted = new TreeMap<>();
        views.forEach((key, view) -> sorted.put(key, view.name()));
        return List.copyOf(sorted.values());
    }

    public void clear() {
        views.clear();
    }
}
