package dev.ember.sql.catalog;

import dev.ember.sql.types.Identifiers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions a session can call, by name (any case). Each session has its own registry, a copy of the built-in
 * one to which it adds its user-defined functions; a user's function of a built-in's name replaces it in that session
 * only. Safe for use by several threads.
 */
public final class FunctionRegistry {
    private final Map<String, FunctionInfo> functions;

    public FunctionRegistry() {
        this.functions = new ConcurrentHashMap<>();
    }

    private FunctionRegistry(Map<String, FunctionInfo> functions) {
        this.functions = new ConcurrentHashMap<>(functions);
    }

    /** Adds or replaces a function. */
    public void register(FunctionInfo info) {
        functions.put(Identifiers.normalize(info.name()), info);
    }

    /** Adds or replaces a function, building its info from the parts. */
    public void register(String name, FunctionInfo.Kind kind, String usage, FunctionBuilder builder) {
        register(new FunctionInfo(Identifiers.normalize(name), kind, usage, builder));
    }

    public Optional<FunctionInfo> lookup(String name) {
        return Optional.ofNullable(functions.get(Identifiers.normalize(name)));
    }

    public boolean drop(String name) {
        return functions.remove(Identifiers.normalize(name)) != null;
    }

    /** The names of every function, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(functions).keySet());
    }

    /** An independent copy, for a new session. */
    public FunctionRegistry copy() {
        return new FunctionRegistry(functions);
    }
}
