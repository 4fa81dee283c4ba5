package dev.ember.sql.sources.jdbc;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
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
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What differs between databases: how a column's JDBC type maps to Ember's and Ember's to a column type of the
 * database, how identifiers are quoted, and which filters compile into its SQL. PostgreSQL has its own; any other
 * database gets the generic one (standard SQL).
 */
public class JdbcDialect implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The dialect of the database a URL points at. */
    public static JdbcDialect of(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:") ? new PostgresDialect() : new JdbcDialect();
    }

    public String name() {
        return "generic";
    }

    /** A column name quoted for the database: {@code "Order Date"}. */
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * Ember's type for a column of a result: its {@link Types} code, the database's name for the type, its precision and
     * scale. Fails naming the column for a type Ember cannot hold.
     */
    public DataType emberType(int sqlType, String typeName, int precision, int scale, String column) {
        switch (sqlType) {
            case Types.BOOLEAN:
                return DataTypes.BooleanType;
            case Types.BIT:
                if (precision <= 1) {
                    return DataTypes.BooleanType;
                }
                return DataTypes.BinaryType;
            case Types.TINYINT:
                return DataTypes.ByteType;
            case Types.SMALLINT:
                return DataTypes.ShortType;
            case Types.INTEGER:
                return DataTypes.IntegerType;
            case Types.BIGINT:
                return DataTypes.LongType;
            case Types.REAL:
                return DataTypes.FloatType;
            case Types.FLOAT:
            case Types.DOUBLE:
                return DataTypes.DoubleType;
            case Types.NUMERIC:
            case Types.DECIMAL:
                return decimal(precision, scale);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return DataTypes.StringType;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return DataTypes.BinaryType;
            case Types.DATE:
                return DataTypes.DateType;
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return DataTypes.TimestampType;
            default:
                throw unsupported(column, typeName);
        }
    }

    /** A numeric of that precision and scale; unbounded ones (precision 0 or above 38) as Spark reads them. */
    static DataType decimal(int precision, int scale) {
        if (precision <= 0 || precision > DecimalType.MAX_PRECISION) {
            return DataTypes.createDecimalType(DecimalType.MAX_PRECISION, 18);
        }
        return DataTypes.createDecimalType(precision, Math.max(0, Math.min(scale, precision)));
    }

    static EmberException unsupported(String column, String typeName) {
        return new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE,
                "The column " + column + " has the database type " + typeName + ", which Ember cannot read yet; read"
                        + " it converted, with the option query (SELECT CAST(" + column + " AS TEXT) ...)");
    }

    /** The column type a {@code CREATE TABLE} gives a column of Ember's type. */
    public String columnType(DataType type, String column) {
        if (type instanceof BooleanType) {
            return "BOOLEAN";
        }
        if (type instanceof ByteType || type instanceof ShortType) {
            return "SMALLINT";
        }
        if (type instanceof IntegerType) {
            return "INTEGER";
        }
        if (type instanceof LongType) {
            return "BIGINT";
        }
        if (type instanceof FloatType) {
            return "REAL";
        }
        if (type instanceof DoubleType) {
            return "DOUBLE PRECISION";
        }
        if (type instanceof DecimalType decimal) {
            return "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
        }
        if (type instanceof StringType) {
            return "VARCHAR(65535)";
        }
        if (type instanceof BinaryType) {
            return "VARBINARY(65535)";
        }
        if (type instanceof DateType) {
            return "DATE";
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return "TIMESTAMP";
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE,
                "The column " + column + " of type " + type.simpleString() + " cannot be written to a " + name()
                        + " database over JDBC");
    }

    /** The {@link Types} code of a null of Ember's type, for {@code setNull}. */
    public int nullType(DataType type) {
        if (type instanceof BooleanType) {
            return Types.BOOLEAN;
        }
        if (type instanceof ByteType || type instanceof ShortType) {
            return Types.SMALLINT;
        }
        if (type instanceof IntegerType) {
            return Types.INTEGER;
        }
        if (type instanceof LongType) {
            return Types.BIGINT;
        }
        if (type instanceof FloatType) {
            return Types.REAL;
        }
        if (type instanceof DoubleType) {
            return Types.DOUBLE;
        }
        if (type instanceof DecimalType) {
            return Types.NUMERIC;
        }
        if (type instanceof BinaryType) {
            return Types.BINARY;
        }
        if (type instanceof DateType) {
            return Types.DATE;
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return Types.TIMESTAMP;
        }
        if (type instanceof ArrayType) {
            return Types.ARRAY;
        }
        return Types.VARCHAR;
    }

    /** The database's name of an array's element type, for {@code Connection.createArrayOf}. */
    public String arrayElementType(DataType element, String column) {
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE,
                "The array column " + column + " cannot be written to a " + name() + " database over JDBC");
    }

    /** The statement that empties a table, keeping its definition. */
    public String truncate(String table) {
        return "TRUNCATE TABLE " + table;
    }

    /** {@code a IS NOT DISTINCT FROM b}, in this database's SQL. */
    String nullSafeEqual(String left, String right) {
        return "((" + left + " = " + right + ") OR (" + left + " IS NULL AND " + right + " IS NULL))";
    }

    /**
     * The filter as a condition of the database's SQL, or null if some part of it does not compile (it is then
     * evaluated by Ember only). Column references become quoted column names.
     */
    public String compile(Expression filter) {
        if (filter instanceof And and) {
            String left = compile(and.left());
            String right = compile(and.right());
            return left == null || right == null ? null : "(" + left + " AND " + right + ")";
        }
        if (filter instanceof Or or) {
            String left = compile(or.left());
            String right = compile(or.right());
            return left == null || right == null ? null : "(" + left + " OR " + right + ")";
        }
        if (filter instanceof Not not) {
            String inner = compile(not.child());
            return inner == null ? null : "(NOT " + inner + ")";
        }
        if (filter instanceof IsNull isNull) {
            String column = operand(isNull.child());
            return column == null ? null : "(" + column + " IS NULL)";
        }
        if (filter instanceof IsNotNull isNotNull) {
            String column = operand(isNotNull.child());
            return column == null ? null : "(" + column + " IS NOT NULL)";
        }
        if (filter instanceof In in) {
            String value = operand(in.value());
            if (value == null || in.list().isEmpty()) {
                return null;
            }
            List<String> items = new ArrayList<>();
            for (Expression item : in.list()) {
                String text = operand(item);
                if (text == null) {
                    return null;
                }
                items.add(text);
            }
            return "(" + value + " IN (" + String.join(", ", items) + "))";
        }
        if (filter instanceof Comparison comparison) {
            boolean range = comparison.op() != Comparison.Op.EQUAL
                    && comparison.op() != Comparison.Op.NOT_EQUAL
                    && comparison.op() != Comparison.Op.NULL_SAFE_EQUAL;
            if (range && comparison.left().dataType() instanceof StringType) {
                return null; // the database's collation may order strings otherwise than Ember
            }
            String left = operand(comparison.left());
            String right = operand(comparison.right());
            if (left == null || right == null) {
                return null;
            }
            return switch (comparison.op()) {
                case NULL_SAFE_EQUAL -> nullSafeEqual(left, right);
                default -> "(" + left + " " + comparison.op().symbol() + " " + right + ")";
            };
        }
        return null;
    }

    /** A column or a constant as SQL; null for anything else. */
    private String operand(Expression expression) {
        if (expression instanceof Attribute attribute) {
            return quote(attribute.name());
        }
        if (expression instanceof Cast cast
                && cast.child() instanceof Attribute
                && widens(cast.child().dataType(), cast.dataType())) {
            // A widening keeps every value as it is, and the database compares numbers by value whatever their
            // types; a narrowing (3.7 cast to 3) is not pushed.
            return operand(cast.child());
        }
        if (expression instanceof Literal literal) {
            return literal(literal.value(), literal.dataType());
        }
        return null;
    }

    private static boolean widens(DataType from, DataType to) {
        int fromRank = integralRank(from);
        int toRank = integralRank(to);
        if (fromRank > 0 && toRank > 0) {
            return fromRank <= toRank;
        }
        if (fromRank > 0 && to instanceof DecimalType decimal) {
            return decimal.precision() - decimal.scale() >= new int[] {0, 3, 5, 10, 19}[fromRank];
        }
        return (from instanceof FloatType && to instanceof DoubleType)
                || (fromRank > 0 && fromRank <= 3 && to instanceof DoubleType);
    }

    private static int integralRank(DataType type) {
        if (type instanceof ByteType) {
            return 1;
        }
        if (type instanceof ShortType) {
            return 2;
        }
        if (type instanceof IntegerType) {
            return 3;
        }
        return type instanceof LongType ? 4 : 0;
    }

    /** A constant as an SQL literal; null for a type this does not write. */
    String literal(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof BooleanType) {
            return ((Boolean) value) ? "TRUE" : "FALSE";
        }
        if (type instanceof ByteType
                || type instanceof ShortType
                || type instanceof IntegerType
                || type instanceof LongType) {
            return value.toString();
        }
        if (type instanceof DecimalType) {
            return ((BigDecimal) value).toPlainString();
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? Double.toString(number) : null;
        }
        if (type instanceof StringType) {
            return stringLiteral((String) value);
        }
        if (type instanceof DateType) {
            return "DATE '" + LocalDate.ofEpochDay((Integer) value) + "'";
        }
        if (type instanceof TimestampNTZType) {
            return "TIMESTAMP '"
                    + LocalDateTime.ofEpochSecond(
                            Math.floorDiv((Long) value, 1_000_000L),
                            (int) Math.floorMod((Long) value, 1_000_000L) * 1000,
                            ZoneOffset.UTC)
                    + "'";
        }
        // Timestamps with a time zone are not pushed: the database would compare them in its own session's zone.
        return null;
    }

    /**
     * A string as a literal of this database, or null if it is not pushed. The generic dialect pushes none: how a
     * database reads backslashes and quotes in literals (MySQL's escapes) is not standard.
     */
    String stringLiteral(String value) {
        return null;
    }
}
