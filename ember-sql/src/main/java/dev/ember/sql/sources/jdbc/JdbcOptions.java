package dev.ember.sql.sources.jdbc;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The options of a JDBC read or write, with Spark's names: {@code url}, {@code dbtable} or {@code query}, {@code user},
 * {@code password} (and any other connection property), {@code driver}, {@code partitionColumn} with {@code
 * lowerBound}, {@code upperBound} and {@code numPartitions}, {@code fetchsize}, {@code batchsize}, {@code truncate},
 * {@code queryTimeout}, {@code createTableOptions}, {@code createTableColumnTypes}.
 *
 * <p>The connection properties hold credentials: {@link #toString} and {@link #redactedUrl} leave them out, and
 * nothing else here prints them.
 */
public final class JdbcOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Options of Ember's own; every other option is a connection property passed to the driver. */
    private static final Set<String> OWN = Set.of(
            "url",
            "dbtable",
            "query",
            "driver",
            "partitioncolumn",
            "lowerbound",
            "upperbound",
            "numpartitions",
            "fetchsize",
            "batchsize",
            "truncate",
            "querytimeout",
            "createtableoptions",
            "createtablecolumntypes",
            "pushdownpredicate",
            "path");

    private static final Pattern SECRET_IN_URL =
            Pattern.compile("(?i)((?:password|pwd|secret|token|credential|key)[a-z_]*=)[^&;)]*");
    /** {@code //user:secret@host}: everything up to the last '@' before the path. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/]*@");
    /** Oracle's {@code thin:user/secret@host}. */
    private static final Pattern SLASH_CREDENTIALS = Pattern.compile("(?i)(:thin:)[^@]*@");

    private final String url;
    private final String table;
    private final String query;
    private final TreeMap<String, String> properties;
    private final String driver;
    private final String partitionColumn;
    private final long lowerBound;
    private final long upperBound;
    private final int numPartitions;
    private final int fetchSize;
    private final int batchSize;
    private final boolean truncate;
    private final int queryTimeoutSeconds;
    private final String createTableOptions;
    private final String createTableColumnTypes;
    private final boolean pushDownPredicate;

    private JdbcOptions(Map<String, String> given) {
        TreeMap<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        options.putAll(given);
        this.url = required(options, "url");
        if (!url.startsWith("jdbc:")) {
            throw invalid("url", "a JDBC URL starts with jdbc: (" + redact(url) + ")");
        }
        this.table = options.get("dbtable");
        this.query = options.get("query");
        this.driver = options.get("driver");
        this.partitionColumn = options.get("partitionColumn");
        this.numPartitions = positiveInt(options, "numPartitions", 1);
        this.fetchSize = nonNegativeInt(options, "fetchsize", 1000);
        this.batchSize = positiveInt(options, "batchsize", 1000);
        this.queryTimeoutSeconds = nonNegativeInt(options, "queryTimeout", 0);
        this.truncate = bool(options, "truncate");
        this.pushDownPredicate = !options.containsKey("pushDownPredicate") || bool(options, "pushDownPredicate");
        this.createTableOptions = options.getOrDefault("createTableOptions", "");
        this.createTableColumnTypes = options.get("createTableColumnTypes");
        if (partitionColumn != null) {
            if (!options.containsKey("lowerBound")
                    || !options.containsKey("upperBound")
                    || !options.containsKey("numPartitions")) {
                throw invalid("partitionColumn", "it needs lowerBound, upperBound and numPartitions as well");
            }
            if (query != null) {
                throw invalid(
                        "partitionColumn",
                        "it cannot be used with query; give the query as dbtable, in" + " parentheses with an alias");
            }
            this.lowerBound = longValue(options, "lowerBound");
            this.upperBound = longValue(options, "upperBound");
            if (lowerBound > upperBound) {
                throw invalid("lowerBound", "it is above upperBound (" + lowerBound + " > " + upperBound + ")");
            }
        } else {
            this.lowerBound = 0;
            this.upperBound = 0;
        }
        TreeMap<String, String> connection = new TreeMap<>();
        options.forEach((key, value) -> {
            if (!OWN.contains(key.toLowerCase(Locale.ROOT))) {
                connection.put(key, value);
            }
        });
        this.properties = connection;
    }

    /** The options of a read: {@code dbtable} or {@code query}, not both. */
    public static JdbcOptions forRead(Map<String, String> options) {
        JdbcOptions parsed = new JdbcOptions(options);
        if ((parsed.table == null) == (parsed.query == null)) {
            throw invalid("dbtable", "give either dbtable or query (exactly one of them)");
        }
        return parsed;
    }

    /** The options of a write: {@code dbtable}, the table written. */
    public static JdbcOptions forWrite(Map<String, String> options) {
        JdbcOptions parsed = new JdbcOptions(options);
        if (parsed.table == null || parsed.query != null) {
            throw invalid("dbtable", "a write needs dbtable, the table it writes (query is for reads)");
        }
        return parsed;
    }

    public String url() {
        return url;
    }

    /** The table as a {@code FROM} item: the table's name, or the query in parentheses with an alias. */
    public String from() {
        return table != null ? table : "(" + query + ") ember_jdbc_query";
    }

    /** The table's name as given (for writes). */
    public String table() {
        return table;
    }

    public String partitionColumn() {
        return partitionColumn;
    }

    public long lowerBound() {
        return lowerBound;
    }

    public long upperBound() {
        return upperBound;
    }

    public int numPartitions() {
        return numPartitions;
    }

    public int fetchSize() {
        return fetchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean truncate() {
        return truncate;
    }

    public int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    public boolean pushDownPredicate() {
        return pushDownPredicate;
    }

    public String createTableOptions() {
        return createTableOptions;
    }

    public String createTableColumnTypes() {
        return createTableColumnTypes;
    }

    public JdbcDialect dialect() {
        return JdbcDialect.of(url);
    }

    /** Opens a connection with the connection properties; the error names the URL without its secrets. */
    public Connection connect() {
        Properties info = new Properties();
        info.putAll(properties);
        try {
            if (driver != null) {
                Class<?> type =
                        Class.forName(driver, true, Thread.currentThread().getContextClassLoader());
                Driver instance = (Driver) type.getDeclaredConstructor().newInstance();
                Connection connection = instance.connect(url, info);
                if (connection == null) {
                    throw new SQLException("the driver " + driver + " does not accept this URL");
                }
                return connection;
            }
            return DriverManager.getConnection(url, info);
        } catch (SQLException e) {
            String message = scrub(e.getMessage());
            throw new EmberException(
                    ErrorClass.CONNECTION_FAILED,
                    "Cannot connect to " + redactedUrl() + ": " + message
                            + (message.contains("No suitable driver")
                                    ? " (put the database's JDBC driver on the classpath, or name it with the option"
                                            + " driver)"
                                    : ""),
                    scrubbed(e));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Cannot load the JDBC driver " + driver + ": " + e, e);
        }
    }

    /** The URL with passwords, tokens and user information left out, for messages and plans. */
    public String redactedUrl() {
        return redact(url);
    }

    static String redact(String url) {
        String masked = SECRET_IN_URL.matcher(url).replaceAll("$1***");
        masked = USER_INFO.matcher(masked).replaceAll("//***@");
        return SLASH_CREDENTIALS.matcher(masked).replaceAll("$1***@");
    }

    /** A driver's message with this URL and the password in it masked (drivers quote the URL they were given). */
    public String scrub(String message) {
        if (message == null) {
            return "";
        }
        String clean = message.replace(url, redactedUrl());
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String key = property.getKey().toLowerCase(Locale.ROOT);
            String value = property.getValue();
            if ((key.contains("password") || key.contains("secret") || key.contains("token"))
                    && value != null
                    && !value.isEmpty()) {
                clean = clean.replace(value, "***");
            }
        }
        return clean;
    }

    /**
     * The database's error as the cause of Ember's, with secrets masked: a copy of its message, SQL state and code,
     * without the original (whose message may quote the URL) in the chain.
     */
    public SQLException scrubbed(SQLException e) {
        SQLException copy = new SQLException(scrub(e.getMessage()), e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    @Override
    public String toString() {
        return "JdbcOptions[url=" + redactedUrl() + ", from=" + from() + ", partitions=" + numPartitions + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JdbcOptions that
                && that.url.equals(url)
                && that.from().equals(from())
                && that.properties.equals(properties)
                && java.util.Objects.equals(that.partitionColumn, partitionColumn)
                && that.lowerBound == lowerBound
                && that.upperBound == upperBound
                && that.numPartitions == numPartitions
                && that.fetchSize == fetchSize;
    }

    @Override
    public int hashCode() {
        return url.hashCode() * 31 + from().hashCode();
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw invalid(key, "it is required");
        }
        return value;
    }

    private static int positiveInt(Map<String, String> options, String key, int defaultValue) {
        int value = intValue(options, key, defaultValue);
        if (value < 1) {
            throw invalid(key, "it must be at least 1, not " + value);
        }
        return value;
    }

    private static int nonNegativeInt(Map<String, String> options, String key, int defaultValue) {
        int value = intValue(options, key, defaultValue);
        if (value < 0) {
            throw invalid(key, "it must not be negative, not " + value);
        }
        return value;
    }

    private static int intValue(Map<String, String> options, String key, int defaultValue) {
        String text = options.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + text + "' is not an integer");
        }
    }

    private static long longValue(Map<String, String> options, String key) {
        String text = options.get(key);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + text + "' is not an integer");
        }
    }

    private static boolean bool(Map<String, String> options, String key) {
        String text = options.getOrDefault(key, "false").trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "'" + text + "' is neither true nor false");
        };
    }

    private static EmberException invalid(String option, String why) {
        return new EmberException(ErrorClass.INVALID_ARGUMENT, "The JDBC option " + option + " is not valid: " + why);
    }
}
