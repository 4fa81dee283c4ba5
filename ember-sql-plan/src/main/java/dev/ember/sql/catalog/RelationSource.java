package dev.ember.sql.catalog;

import dev.ember.sql.types.StructType;
import java.io.Serializable;

/**
 * Where a relation's rows come from, as the planning half sees it: a name to show and a schema. The executing half
 * implements it (files of a format, an in-memory table, a cached query) and knows how to scan it; the planning half
 * only carries it through the plan, so it must be serializable and compare by value.
 */
public interface RelationSource extends Serializable {
    /** The source as {@code EXPLAIN} shows it: {@code csv [file:/data/x.csv]}. */
    String description();

    StructType schema();

    /** An estimate of the bytes a scan of the whole source reads, for choosing broadcast joins; -1 if unknown. */
    default long estimatedSizeInBytes() {
        return -1;
    }

    /** What {@code ANALYZE TABLE} measured of the source, if it is a table that was analyzed; null otherwise. */
    default TableStatistics statistics() {
        return null;
    }
}
