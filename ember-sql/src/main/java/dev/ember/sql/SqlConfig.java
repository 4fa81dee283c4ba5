package dev.ember.sql;

import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigProvider;
import java.util.List;

/** Settings of SQL and DataFrames; a session may change them with {@code SET k=v} or {@code conf().set}. */
public final class SqlConfig implements ConfigProvider {
    public static final ConfigEntry<Integer> SHUFFLE_PARTITIONS = ConfigEntry.key("ember.sql.shuffle.partitions")
            .doc("Partitions of the exchanges of joins and aggregations as planned. 0 picks twice the default"
                    + " parallelism (at least 4); adaptive execution then reads small ones together.")
            .intConf()
            .nonNegative()
            .defaultValue(0);

    public static final ConfigEntry<Long> AUTO_BROADCAST_JOIN_THRESHOLD = ConfigEntry.key(
                    "ember.sql.autoBroadcastJoinThreshold")
            .doc(
                    "A join side estimated at most this many bytes (default 10 MiB) is broadcast to every task instead of exchanged;"
                            + " -1 never broadcasts (hints still do).")
            .longConf()
            .atLeast(-1, "-1 or more")
            .defaultValue(10L * 1024 * 1024);

    public static final ConfigEntry<Boolean> PREFER_SORT_MERGE_JOIN = ConfigEntry.key(
                    "ember.sql.join.preferSortMergeJoin")
            .doc("Whether an equi-join too large to broadcast is a sort-merge join (both sides sorted by the keys)"
                    + " rather than a shuffled hash join. Both spill; the hash join is faster, so it is the default"
                    + " (Spark's default is true). The MERGE hint asks for a sort-merge join per join.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<Boolean> ADAPTIVE_ENABLED = ConfigEntry.key("ember.sql.adaptive.enabled")
            .doc("Adaptive query execution: a query's exchanges run stage by stage and the plan after each is revised"
                    + " with the real sizes of its output (small partitions coalesced, skewed join partitions split,"
                    + " small join sides broadcast, empty inputs propagated).")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> ADAPTIVE_COALESCE = ConfigEntry.key(
                    "ember.sql.adaptive.coalescePartitions.enabled")
            .doc("Whether adaptive execution reads small consecutive shuffle partitions as one.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Long> ADVISORY_PARTITION_SIZE = ConfigEntry.key(
                    "ember.sql.adaptive.advisoryPartitionSizeInBytes")
            .doc("The size adaptive execution coalesces shuffle partitions up to, and splits skewed ones down to"
                    + " (default 64 MiB).")
            .bytesConf(dev.ember.util.ByteSizes.Unit.BYTE)
            .atLeast(1, "positive")
            .defaultValue(64L * 1024 * 1024);

    public static final ConfigEntry<Long> MIN_PARTITION_SIZE = ConfigEntry.key(
                    "ember.sql.adaptive.coalescePartitions.minPartitionSize")
            .doc("Coalescing keeps at least twice the default parallelism partitions, unless they would be smaller"
                    + " than this (default 1 MiB).")
            .bytesConf(dev.ember.util.ByteSizes.Unit.BYTE)
            .atLeast(1, "positive")
            .defaultValue(1024L * 1024);

    public static final ConfigEntry<Boolean> SKEW_JOIN = ConfigEntry.key("ember.sql.adaptive.skewJoin.enabled")
            .doc("Whether adaptive execution splits the skewed partitions of a shuffled join into pieces of map"
                    + " outputs, each joined with the whole partition of the other side.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Integer> SKEW_FACTOR = ConfigEntry.key(
                    "ember.sql.adaptive.skewJoin.skewedPartitionFactor")
            .doc("A join partition is skewed when larger than this many times the median partition and than"
                    + " skewedPartitionThresholdInBytes.")
            .intConf()
            .atLeast(1, "at least 1")
            .defaultValue(5);

    public static final ConfigEntry<Long> SKEW_THRESHOLD = ConfigEntry.key(
                    "ember.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes")
            .doc("A join partition smaller than this is never skewed (default 256 MiB).")
            .bytesConf(dev.ember.util.ByteSizes.Unit.BYTE)
            .atLeast(1, "positive")
            .defaultValue(256L * 1024 * 1024);

    public static final ConfigEntry<String> SESSION_TIME_ZONE = ConfigEntry.key("ember.sql.session.timeZone")
            .doc("The time zone timestamps are shown and read in (a region such as Europe/Paris, or an offset); empty"
                    + " for the JVM's.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<Integer> MAX_TO_STRING_FIELDS = ConfigEntry.key("ember.sql.show.truncate")
            .doc("The characters a cell of Dataset.show() keeps before it is cut with '...' (show(n, false) keeps"
                    + " them all).")
            .intConf()
            .atLeast(4, "at least 4")
            .defaultValue(20);

    public static final ConfigEntry<String> WAREHOUSE_DIR = ConfigEntry.key("ember.sql.warehouse.dir")
            .doc("The directory of the persistent catalog: its databases and tables (as JSON files under _catalog/) and"
                    + " the files of managed tables. Sessions on the same directory, in one process or several, share"
                    + " its tables. Read when a session starts; a relative path is taken from the working directory.")
            .stringConf()
            .defaultValue("ember-warehouse");

    public static final ConfigEntry<String> DEFAULT_SOURCE = ConfigEntry.key("ember.sql.sources.default")
            .doc("The format of tables created without USING, and of write().save() and read().load() without a"
                    + " format.")
            .stringConf()
            .defaultValue("parquet");

    /** What {@code INSERT OVERWRITE} of a partitioned table replaces. */
    public enum PartitionOverwriteMode {
        /** Every partition the statement's static partition values match (all of them when it gives none). */
        STATIC,
        /** Only the partitions the statement writes rows into. */
        DYNAMIC
    }

    public static final ConfigEntry<PartitionOverwriteMode> PARTITION_OVERWRITE_MODE = ConfigEntry.key(
                    "ember.sql.sources.partitionOverwriteMode")
            .doc(
                    "What INSERT OVERWRITE and insertInto with mode overwrite replace in a partitioned table: STATIC, every"
                            + " partition matching the statement's PARTITION values (all of them without any), or DYNAMIC,"
                            + " only the partitions the query writes rows into.")
            .enumConf(PartitionOverwriteMode.class)
            .defaultValue(PartitionOverwriteMode.STATIC);

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(
                SHUFFLE_PARTITIONS,
                AUTO_BROADCAST_JOIN_THRESHOLD,
                PREFER_SORT_MERGE_JOIN,
                ADAPTIVE_ENABLED,
                ADAPTIVE_COALESCE,
                ADVISORY_PARTITION_SIZE,
                MIN_PARTITION_SIZE,
                SKEW_JOIN,
                SKEW_FACTOR,
                SKEW_THRESHOLD,
                SESSION_TIME_ZONE,
                MAX_TO_STRING_FIELDS,
                WAREHOUSE_DIR,
                DEFAULT_SOURCE,
                PARTITION_OVERWRITE_MODE);
    }
}
