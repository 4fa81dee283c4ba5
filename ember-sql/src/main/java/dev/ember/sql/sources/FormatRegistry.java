package dev.ember.sql.sources;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.csv.CsvFormat;
import dev.ember.sql.sources.json.JsonFormat;
import dev.ember.sql.sources.text.TextFormat;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;

/** The file formats by the names users give {@code format(...)}: csv, json, text, parquet. */
public final class FormatRegistry {
    /** The Parquet format's class, looked up by name: it lives in its own package and may be absent. */
    static final String PARQUET_CLASS = "dev.ember.sql.sources.parquet.ParquetFormat";

    /** The names {@link #lookup} knows. */
    public static final List<String> NAMES = List.of("csv", "json", "parquet", "text");

    private FormatRegistry() {}

    /** The format called {@code name} (any case); fails with {@link ErrorClass#UNSUPPORTED_FEATURE} naming the known. */
    public static FileFormat lookup(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "csv" -> new CsvFormat();
            case "json" -> new JsonFormat();
            case "text" -> new TextFormat();
            case "parquet" -> byClassName(PARQUET_CLASS, "parquet");
            default ->
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "Unknown data source format '" + name + "'; the formats are " + String.join(", ", NAMES));
        };
    }

    static FileFormat byClassName(String className, String name) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "The " + name + " format is not available: its class " + className + " is not on the class path",
                    e);
        }
        if (!FileFormat.class.isAssignableFrom(type)) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "The " + name + " format's class " + className + " is not a " + FileFormat.class.getName());
        }
        try {
            return (FileFormat) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "The " + name + " format's class " + className + " failed to start: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "The " + name + " format's class " + className + " has no public constructor without arguments",
                    e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : FormatRegistry.class.getClassLoader();
    }
}
