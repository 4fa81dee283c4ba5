package dev.ember.sql.sources.jdbc;

import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.sql.Types;
import java.util.Locale;

/**
 * PostgreSQL's types, as docs/sql.md lists them: {@code boolean}, {@code smallint}, {@code integer}, {@code bigint},
 * {@code real}, {@code double precision}, {@code numeric(p,s)}, the text types, {@code bytea}, {@code date},
 * {@code timestamp} and {@code timestamptz}, one-dimensional arrays of those, and {@code uuid}, {@code json},
 * {@code jsonb}, {@code xml}, {@code inet}, {@code cidr}, {@code macaddr}, {@code money} read as text.
 */
final class PostgresDialect extends JdbcDialect {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public DataType emberType(int sqlType, String typeName, int precision, int scale, String column) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (sqlType == Types.ARRAY || name.startsWith("_")) {
            return DataTypes.createArrayType(element(name.substring(1), column, typeName));
        }
        switch (name) {
            case "bool":
                return DataTypes.BooleanType;
            case "uuid", "json", "jsonb", "xml", "inet", "cidr", "macaddr", "money", "citext", "tsvector":
                return DataTypes.StringType;
            case "timestamptz":
            case "timestamp":
                return DataTypes.TimestampType;
            default:
                return super.emberType(sqlType, typeName, precision, scale, column);
        }
    }

    private static DataType element(String name, String column, String typeName) {
        return switch (name) {
            case "bool" -> DataTypes.BooleanType;
            case "int2" -> DataTypes.ShortType;
            case "int4" -> DataTypes.IntegerType;
            case "int8" -> DataTypes.LongType;
            case "float4" -> DataTypes.FloatType;
            case "float8" -> DataTypes.DoubleType;
            case "numeric" -> decimal(0, 0);
            case "text", "varchar", "bpchar", "uuid" -> DataTypes.StringType;
            case "date" -> DataTypes.DateType;
            case "timestamp", "timestamptz" -> DataTypes.TimestampType;
            default -> throw unsupported(column, typeName);
        };
    }

    @Override
    public String columnType(DataType type, String column) {
        if (type instanceof StringType) {
            return "TEXT";
        }
        if (type instanceof BinaryType) {
            return "BYTEA";
        }
        if (type instanceof DecimalType decimal) {
            return "NUMERIC(" + decimal.precision() + "," + decimal.scale() + ")";
        }
        if (type instanceof TimestampType) {
            return "TIMESTAMP WITH TIME ZONE";
        }
        if (type instanceof TimestampNTZType) {
            return "TIMESTAMP";
        }
        if (type instanceof ArrayType array) {
            return columnType(array.elementType(), column) + "[]";
        }
        return super.columnType(type, column);
    }

    @Override
    public String arrayElementType(DataType element, String column) {
        if (element instanceof BooleanType) {
            return "bool";
        }
        if (element instanceof ByteType || element instanceof ShortType) {
            return "int2";
        }
        if (element instanceof IntegerType) {
            return "int4";
        }
        if (element instanceof LongType) {
            return "int8";
        }
        if (element instanceof FloatType) {
            return "float4";
        }
        if (element instanceof DoubleType) {
            return "float8";
        }
        if (element instanceof DecimalType) {
            return "numeric";
        }
        if (element instanceof StringType) {
            return "text";
        }
        if (element instanceof DateType) {
            return "date";
        }
        if (element instanceof TimestampType) {
            return "timestamptz";
        }
        return super.arrayElementType(element, column);
    }

    /**
     * An escape string, {@code E'...'}: backslashes and quotes doubled. Its meaning does not depend on the server's
     * {@code standard_conforming_strings}, unlike a plain literal's.
     */
    @Override
    String stringLiteral(String value) {
        if (value.indexOf('\0') >= 0) {
            return null; // PostgreSQL's text cannot hold it; Ember compares it
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String truncate(String table) {
        // ONLY: rows of tables inheriting from this one stay, as Spark's dialect does.
        return "TRUNCATE TABLE ONLY " + table;
    }

    @Override
    String nullSafeEqual(String left, String right) {
        return "(" + left + " IS NOT DISTINCT FROM " + right + ")";
    }
}
