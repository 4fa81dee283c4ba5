package dev.ember.sql.types;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * A named field of a {@link StructType}: a column of a table or of a query's result.
 *
 * @param name the field's name, as written (names are compared without regard to case)
 * @param dataType its type
 * @param nullable whether a value may be null
 * @param comment a description, or null
 */
public record StructField(String name, DataType dataType, boolean nullable, String comment) implements Serializable {
    private static final long serialVersionUID = 1L;

    public StructField {
        requireNonNull(name, "name is null");
        requireNonNull(dataType, "dataType is null");
    }

    public StructField(String name, DataType dataType, boolean nullable) {
        this(name, dataType, nullable, null);
    }

    public StructField(String name, DataType dataType) {
        this(name, dataType, true, null);
    }

    /** The field as DDL writes it: {@code name TYPE [NOT NULL] [COMMENT '...']}, the name quoted when it must be. */
    public String toDDL() {
        StringBuilder ddl =
                new StringBuilder(Identifiers.quoteIfNeeded(name)).append(' ').append(dataType.sql());
        if (!nullable) {
            ddl.append(" NOT NULL");
        }
        if (comment != null) {
            ddl.append(" COMMENT '")
                    .append(comment.replace("\\", "\\\\").replace("'", "\\'"))
                    .append('\'');
        }
        return ddl.toString();
    }
}
