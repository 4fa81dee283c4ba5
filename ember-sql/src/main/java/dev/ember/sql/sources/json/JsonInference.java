package dev.ember.sql.sources.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.ParseMode;
import dev.ember.sql.sources.SourceFiles;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The schema of JSON records, as Spark infers it: objects become structs with their fields sorted by name, arrays
 * the merge of their elements' types, integers bigint, other numbers double (or decimal with {@code prefersDecimal}),
 * and types that differ between records are widened (bigint and double to double) or, when they cannot be, strings.
 */
final class JsonInference {
    private final JsonOptions options;
    private boolean sawCorrupt;

    private JsonInference(JsonOptions options) {
        this.options = options;
    }

    static StructType infer(List<Path> files, JsonOptions options) throws IOException {
        return new JsonInference(options).run(files);
    }

    private StructType run(List<Path> files) throws IOException {
        DataType merged = DataTypes.NullType;
        SplittableRandom random = new SplittableRandom(42);
        for (Path file : files) {
            String path = file.toAbsolutePath().toString();
            try (JsonRecords records = new JsonRecords(path, 0, Long.MAX_VALUE, options)) {
                while (records.next()) {
                    if (options.samplingRatio < 1 && random.nextDouble() >= options.samplingRatio) {
                        continue;
                    }
                    DataType type = inferRecord(records, path);
                    if (type != null) {
                        merged = merge(merged, type);
                    }
                }
            }
        }
        StructType schema = merged instanceof StructType struct ? struct : new StructType();
        StructType result = (StructType) canonicalize(schema, true);
        if (result == null) {
            result = new StructType();
        }
        if (sawCorrupt
                && options.mode == ParseMode.PERMISSIVE
                && result.indexOf(options.corruptColumn).isEmpty()) {
            List<StructField> fields = new ArrayList<>(result.fields());
            fields.add(new StructField(options.corruptColumn, DataTypes.StringType, true));
            fields.sort((a, b) -> a.name().compareTo(b.name()));
            result = new StructType(fields);
        }
        return result;
    }

    /** The struct type of one record (a top-level array gives the merge of its objects), null when it is corrupt. */
    private DataType inferRecord(JsonRecords records, String path) throws IOException {
        try (JsonParser parser = records.parser()) {
            JsonToken token = parser.nextToken();
            DataType type;
            if (token == JsonToken.START_OBJECT) {
                type = inferValue(parser, token);
            } else if (token == JsonToken.START_ARRAY) {
                type = DataTypes.NullType;
                for (JsonToken element = parser.nextToken();
                        element != JsonToken.END_ARRAY;
                        element = parser.nextToken()) {
                    if (element != JsonToken.START_OBJECT) {
                        return corrupt(records, path, "an array element is not an object");
                    }
                    type = merge(type, inferValue(parser, element));
                }
            } else {
                return corrupt(records, path, "the record is not a JSON object");
            }
            if (parser.nextToken() != null) {
                return corrupt(records, path, "there is more text after the JSON value");
            }
            return type;
        } catch (JsonProcessingException e) {
            return corrupt(records, path, "it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private DataType corrupt(JsonRecords records, String path, String reason) {
        if (options.mode == ParseMode.FAILFAST) {
            throw new EmberException(
                    ErrorClass.MALFORMED_RECORD,
                    "Malformed JSON record in " + path + " at line " + records.lineNumber() + ": " + reason
                            + ". The record: '" + SourceFiles.excerpt(records.text()) + "'");
        }
        sawCorrupt = true;
        return null;
    }

    private DataType inferValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_NULL:
                return DataTypes.NullType;
            case START_OBJECT: {
                TreeMap<String, DataType> fields = new TreeMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    DataType type = inferValue(parser, parser.nextToken());
                    fields.merge(name, type, JsonInference::merge);
                }
                List<StructField> list = new ArrayList<>(fields.size());
                fields.forEach((name, type) -> list.add(new StructField(name, type, true)));
                return new StructType(list);
            }
            case START_ARRAY: {
                DataType element = DataTypes.NullType;
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    element = merge(element, inferValue(parser, next));
                }
                return new ArrayType(element, true);
            }
            case VALUE_STRING: {
                if (options.primitivesAsString) {
                    return DataTypes.StringType;
                }
                String text = parser.getText();
                if (options.prefersDecimal) {
                    DataType decimal = decimalOf(text);
                    if (decimal != null) {
                        return decimal;
                    }
                }
                if (options.inferTimestamp && options.temporal.isTimestamp(text)) {
                    return DataTypes.TimestampType;
                }
                return DataTypes.StringType;
            }
            case VALUE_NUMBER_INT: {
                if (options.primitivesAsString) {
                    return DataTypes.StringType;
                }
                JsonParser.NumberType numberType = parser.getNumberType();
                if (numberType == JsonParser.NumberType.INT || numberType == JsonParser.NumberType.LONG) {
                    return DataTypes.LongType;
                }
                BigDecimal big = parser.getDecimalValue();
                return big.precision() <= DecimalType.MAX_PRECISION
                        ? DataTypes.createDecimalType(big.precision(), 0)
                        : DataTypes.DoubleType;
            }
            case VALUE_NUMBER_FLOAT: {
                if (options.primitivesAsString) {
                    return DataTypes.StringType;
                }
                if (options.prefersDecimal && !parser.isNaN()) {
                    DataType decimal = decimalOf(parser.getText());
                    if (decimal != null) {
                        return decimal;
                    }
                }
                return DataTypes.DoubleType;
            }
            case VALUE_TRUE:
            case VALUE_FALSE:
                return options.primitivesAsString ? DataTypes.StringType : DataTypes.BooleanType;
            default:
                parser.skipChildren();
                return DataTypes.StringType;
        }
    }

    private static DataType decimalOf(String text) {
        try {
            BigDecimal value = new BigDecimal(text.trim());
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
            int precision = Math.max(value.precision(), value.scale());
            return precision <= DecimalType.MAX_PRECISION
                    ? DataTypes.createDecimalType(Math.max(precision, 1), value.scale())
                    : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The type holding values of both types: widened numbers, merged structs and arrays, else string. */
    static DataType merge(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a instanceof NullType) {
            return b;
        }
        if (b instanceof NullType) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            if (a instanceof DoubleType || b instanceof DoubleType) {
                return DataTypes.DoubleType;
            }
            DecimalType da = a instanceof DecimalType decimal ? decimal : DecimalType.forIntegral(a);
            DecimalType db = b instanceof DecimalType decimal ? decimal : DecimalType.forIntegral(b);
            if (a instanceof LongType && b instanceof LongType) {
                return DataTypes.LongType;
            }
            int scale = Math.max(da.scale(), db.scale());
            int range = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
            return range + scale > DecimalType.MAX_PRECISION
                    ? DataTypes.DoubleType
                    : DataTypes.createDecimalType(range + scale, scale);
        }
        if (a instanceof StructType sa && b instanceof StructType sb) {
            TreeMap<String, DataType> fields = new TreeMap<>();
            for (StructField field : sa) {
                fields.put(field.name(), field.dataType());
            }
            for (StructField field : sb) {
                fields.merge(field.name(), field.dataType(), JsonInference::merge);
            }
            List<StructField> list = new ArrayList<>(fields.size());
            fields.forEach((name, type) -> list.add(new StructField(name, type, true)));
            return new StructType(list);
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
            return new ArrayType(merge(aa.elementType(), ab.elementType()), true);
        }
        return DataTypes.StringType;
    }

    /**
     * The type as a schema holds it: null types become strings (or, with {@code dropFieldIfAllNull}, the fields that
     * only ever held nulls go); returns null for a field to drop.
     */
    private DataType canonicalize(DataType type, boolean top) {
        if (type instanceof NullType) {
            return options.dropFieldIfAllNull ? null : DataTypes.StringType;
        }
        if (type instanceof ArrayType array) {
            DataType element = canonicalize(array.elementType(), false);
            if (element == null) {
                return null;
            }
            return new ArrayType(element, true);
        }
        if (type instanceof StructType struct) {
            List<StructField> fields = new ArrayList<>();
            for (StructField field : struct) {
                DataType canonical = canonicalize(field.dataType(), false);
                if (canonical != null) {
                    fields.add(new StructField(field.name(), canonical, true));
                }
            }
            if (fields.isEmpty() && !top && options.dropFieldIfAllNull) {
                return null;
            }
            return new StructType(fields);
        }
        return type;
    }
}
