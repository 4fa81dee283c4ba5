package dev.ember.sql.sources.csv;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** The schema of CSV files: column names from the header (or {@code _c0...}), types when {@code inferSchema}. */
final class CsvInference {
    private CsvInference() {}

    static StructType infer(List<Path> files, CsvOptions options) throws IOException {
        String[] first = null;
        for (Path file : files) {
            try (CsvRecords records = open(file, options)) {
                if (records.next()) {
                    CsvTokenizer tokens = records.tokens();
                    first = new String[tokens.count()];
                    for (int i = 0; i < first.length; i++) {
                        first[i] = tokens.token(i);
                    }
                    break;
                }
            }
        }
        if (first == null) {
            return new StructType();
        }
        String[] names = options.header ? safeNames(first, options.nullValue) : defaultNames(first.length);
        DataType[] types = new DataType[names.length];
        Arrays.fill(types, DataTypes.NullType);
        if (options.inferSchema) {
            SplittableRandom random = new SplittableRandom(42);
            for (Path file : files) {
                try (CsvRecords records = open(file, options)) {
                    boolean skipHeader = options.header;
                    while (records.next()) {
                        if (skipHeader) {
                            skipHeader = false;
                            continue;
                        }
                        if (options.samplingRatio < 1 && random.nextDouble() >= options.samplingRatio) {
                            continue;
                        }
                        CsvTokenizer tokens = records.tokens();
                        int count = Math.min(tokens.count(), types.length);
                        for (int i = 0; i < count; i++) {
                            String token = tokens.token(i);
                            if (token == null || token.equals(options.nullValue)) {
                                continue;
                            }
                            if (types[i] instanceof dev.ember.sql.types.StringType) {
                                continue;
                            }
                            types[i] = merge(types[i], inferValue(token, options));
                        }
                    }
                }
            }
        }
        List<StructField> fields = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            DataType type = types[i] instanceof NullType ? DataTypes.StringType : types[i];
            fields.add(new StructField(names[i], type, true));
        }
        return new StructType(fields);
    }

    private static CsvRecords open(Path file, CsvOptions options) throws IOException {
        return new CsvRecords(file.toAbsolutePath().toString(), 0, Long.MAX_VALUE, options);
    }

    static String[] defaultNames(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "_c" + i;
        }
        return names;
    }

    /** Header names made usable: an empty or null name becomes {@code _cN}, a repeated name gets its index added. */
    static String[] safeNames(String[] header, String nullValue) {
        Map<String, Integer> seen = new HashMap<>();
        for (String name : header) {
            if (name != null && !name.isEmpty() && !name.equals(nullValue)) {
                seen.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        String[] names = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            String name = header[i];
            if (name == null || name.isEmpty() || name.equals(nullValue)) {
                names[i] = "_c" + i;
            } else if (seen.get(name.toLowerCase(Locale.ROOT)) > 1) {
                names[i] = name + i;
            } else {
                names[i] = name;
            }
        }
        return names;
    }

    /** The narrowest type of one value. */
    static DataType inferValue(String token, CsvOptions options) {
        if (token.equals(options.nanValue) || token.equals(options.positiveInf) || token.equals(options.negativeInf)) {
            return DataTypes.DoubleType;
        }
        if (isIntegral(token)) {
            try {
                Integer.parseInt(token);
                return DataTypes.IntegerType;
            } catch (NumberFormatException e) {
                // wider
            }
            try {
                Long.parseLong(token);
                return DataTypes.LongType;
            } catch (NumberFormatException e) {
                // wider
            }
            BigDecimal big = new BigDecimal(token);
            if (big.precision() <= DecimalType.MAX_PRECISION) {
                return DataTypes.createDecimalType(big.precision(), 0);
            }
            return DataTypes.DoubleType;
        }
        if (isNumberLike(token)) {
            if (options.prefersDecimal) {
                try {
                    BigDecimal decimal = new BigDecimal(token);
                    if (decimal.scale() < 0) {
                        decimal = decimal.setScale(0);
                    }
                    int precision = Math.max(decimal.precision(), decimal.scale());
                    if (precision <= DecimalType.MAX_PRECISION) {
                        return DataTypes.createDecimalType(precision, decimal.scale());
                    }
                } catch (NumberFormatException e) {
                    // maybe a double
                }
            }
            try {
                Double.parseDouble(token);
                return DataTypes.DoubleType;
            } catch (NumberFormatException e) {
                // not a number
            }
        }
        if (token.equals("NaN") || token.equals("Infinity") || token.equals("-Infinity")) {
            return DataTypes.DoubleType;
        }
        if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
            return DataTypes.BooleanType;
        }
        if (options.preferDate && options.temporal.isDate(token)) {
            return DataTypes.DateType;
        }
        if (options.temporal.isTimestamp(token)) {
            return DataTypes.TimestampType;
        }
        return DataTypes.StringType;
    }

    private static boolean isIntegral(String token) {
        int start = token.charAt(0) == '-' || token.charAt(0) == '+' ? 1 : 0;
        if (start == token.length()) {
            return false;
        }
        for (int i = start; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumberLike(String token) {
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    /** The type of a column holding values of both types. */
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
        if (isIntegralType(a) && isIntegralType(b)) {
            return DataTypes.LongType;
        }
        if (a instanceof DecimalType || b instanceof DecimalType) {
            if (a instanceof DoubleType || b instanceof DoubleType) {
                return DataTypes.DoubleType;
            }
            if (a.isNumeric() && b.isNumeric()) {
                DecimalType da = asDecimal(a);
                DecimalType db = asDecimal(b);
                int scale = Math.max(da.scale(), db.scale());
                int range = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
                return range + scale > DecimalType.MAX_PRECISION
                        ? DataTypes.DoubleType
                        : DataTypes.createDecimalType(range + scale, scale);
            }
            return DataTypes.StringType;
        }
        if ((isIntegralType(a) || a instanceof DoubleType) && (isIntegralType(b) || b instanceof DoubleType)) {
            return DataTypes.DoubleType;
        }
        if ((a instanceof DateType || a instanceof TimestampType)
                && (b instanceof DateType || b instanceof TimestampType)) {
            return DataTypes.TimestampType;
        }
        return DataTypes.StringType;
    }

    private static boolean isIntegralType(DataType type) {
        return type instanceof IntegerType || type instanceof LongType;
    }

    private static DecimalType asDecimal(DataType type) {
        return type instanceof DecimalType decimal ? decimal : DecimalType.forIntegral(type);
    }
}
