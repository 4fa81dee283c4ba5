package dev.ember.sql.sources.csv;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.FileFormat.SourceReader;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.ParseMode;
import dev.ember.sql.sources.SchemaColumns;
import dev.ember.sql.sources.SourceFiles;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.DoubleVector;
import dev.ember.sql.vector.FloatVector;
import dev.ember.sql.vector.IntVector;
import dev.ember.sql.vector.LongVector;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/** Reads one split of a CSV file into batches of the required columns. */
final class CsvReader implements SourceReader {
    private static final int INT = 0;
    private static final int LONG = 1;
    private static final int FLOAT = 2;
    private static final int DOUBLE = 3;
    private static final int BOOLEAN = 4;
    private static final int DECIMAL = 5;
    private static final int STRING = 6;
    private static final int BINARY = 7;
    private static final int DATE = 8;
    private static final int TIMESTAMP = 9;
    private static final int TIMESTAMP_NTZ = 10;
    private static final int SHORT = 11;
    private static final int BYTE = 12;

    private final String path;
    private final CsvOptions options;
    private final CsvRecords records;
    private final StructType dataColumns;
    private final StructType requiredSchema;
    private final BatchBuilder builder;

    /** For each column converted: its token index, its kind, its type, its output column (-1: only checked). */
    private final int[] tokenIndex;

    private final int[] kinds;
    private final DataType[] types;
    private final int[] output;
    private final int corruptOutput;

    private final long[] longs;
    private final double[] doubles;
    private final Object[] objects;
    private final boolean[] nulls;

    private ColumnBatch next;
    private boolean done;
    private boolean headerChecked;
    private String failure;

    CsvReader(FileSplit split, StructType dataSchema, StructType requiredSchema, CsvOptions options)
            throws IOException {
        this.path = split.path();
        this.options = options;
        this.requiredSchema = requiredSchema;
        int corruptInData = SchemaColumns.corruptIndex(dataSchema, options.corruptColumn);
        this.dataColumns = SchemaColumns.without(dataSchema, corruptInData);
        int corruptRequired = SchemaColumns.corruptIndex(requiredSchema, options.corruptColumn);
        this.corruptOutput = corruptRequired;
        int converted = requiredSchema.size() - (corruptRequired >= 0 ? 1 : 0);
        boolean checkAll = corruptRequired >= 0;
        int total = checkAll ? Math.max(converted, dataColumns.size()) : converted;
        tokenIndex = new int[total];
        kinds = new int[total];
        types = new DataType[total];
        output = new int[total];
        boolean[] covered = new boolean[dataColumns.size()];
        int n = 0;
        for (int j = 0; j < requiredSchema.size(); j++) {
            if (j == corruptRequired) {
                continue;
            }
            String name = requiredSchema.field(j).name();
            int index = SchemaColumns.indexOf(dataColumns, name);
            if (index < 0) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The column " + name + " is not in the CSV schema " + dataSchema.simpleString());
            }
            covered[index] = true;
            tokenIndex[n] = index;
            types[n] = requiredSchema.field(j).dataType();
            kinds[n] = kindOf(types[n]);
            output[n] = j;
            n++;
        }
        if (checkAll) {
            for (int index = 0; index < dataColumns.size(); index++) {
                if (!covered[index]) {
                    tokenIndex[n] = index;
                    types[n] = dataColumns.field(index).dataType();
                    kinds[n] = kindOf(types[n]);
                    output[n] = -1;
                    n++;
                }
            }
        }
        int size = n;
        longs = new long[size];
        doubles = new double[size];
        objects = new Object[size];
        nulls = new boolean[size];
        this.builder = new BatchBuilder(requiredSchema);
        this.records = new CsvRecords(split.path(), split.start(), split.length(), options);
    }

    static int kindOf(DataType type) {
        if (type instanceof IntegerType) {
            return INT;
        }
        if (type instanceof LongType) {
            return LONG;
        }
        if (type instanceof ShortType) {
            return SHORT;
        }
        if (type instanceof ByteType) {
            return BYTE;
        }
        if (type instanceof FloatType) {
            return FLOAT;
        }
        if (type instanceof DoubleType) {
            return DOUBLE;
        }
        if (type instanceof BooleanType) {
            return BOOLEAN;
        }
        if (type instanceof DecimalType) {
            return DECIMAL;
        }
        if (type instanceof StringType) {
            return STRING;
        }
        if (type instanceof BinaryType) {
            return BINARY;
        }
        if (type instanceof DateType) {
            return DATE;
        }
        if (type instanceof TimestampType) {
            return TIMESTAMP;
        }
        if (type instanceof TimestampNTZType) {
            return TIMESTAMP_NTZ;
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE, "The CSV format does not support the type " + type.simpleString());
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = fill();
        }
        return next != null;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ColumnBatch batch = next;
        next = null;
        return batch;
    }

    private ColumnBatch fill() {
        try {
            while (!builder.isFull()) {
                if (!records.next()) {
                    done = true;
                    records.close();
                    break;
                }
                if (!headerChecked) {
                    headerChecked = true;
                    if (options.header && records.atFileStart()) {
                        checkHeader();
                        continue;
                    }
                }
                convertRecord();
            }
        } catch (IOException e) {
            done = true;
            closeQuietly();
            throw SourceFiles.readFailed(path, e);
        } catch (RuntimeException e) {
            done = true;
            closeQuietly();
            throw e;
        }
        if (builder.isEmpty()) {
            return null;
        }
        return builder.build();
    }

    private void checkHeader() {
        if (options.enforceSchema) {
            return;
        }
        CsvTokenizer tokens = records.tokens();
        int count = tokens.count();
        boolean matches = count == dataColumns.size();
        for (int i = 0; matches && i < count; i++) {
            String name = tokens.token(i);
            matches = name != null && name.equalsIgnoreCase(dataColumns.field(i).name());
        }
        if (!matches) {
            StringBuilder header = new StringBuilder();
            for (int i = 0; i < count; i++) {
                header.append(i == 0 ? "" : ", ").append(tokens.token(i));
            }
            throw new EmberException(
                    ErrorClass.MALFORMED_RECORD,
                    "The CSV header of " + path + " does not match the schema (enforceSchema is false): the header is ["
                            + header + "] but the schema's columns are ["
                            + String.join(", ", dataColumns.fieldNames()) + "]");
        }
    }

    private void convertRecord() {
        CsvTokenizer tokens = records.tokens();
        int count = tokens.count();
        failure = null;
        if (count != dataColumns.size()) {
            failure = "it has " + count + " field" + (count == 1 ? "" : "s") + " where the schema has "
                    + dataColumns.size();
        }
        String nullValue = options.nullValue;
        for (int c = 0; c < kinds.length; c++) {
            int index = tokenIndex[c];
            String token = index < count ? tokens.token(index) : null;
            if (token == null || token.equals(nullValue)) {
                nulls[c] = true;
                continue;
            }
            nulls[c] = false;
            try {
                parse(c, token);
            } catch (RuntimeException e) {
                nulls[c] = true;
                if (failure == null) {
                    failure = "the value '" + token + "' of the column "
                            + dataColumns.field(index).name() + " is not a valid " + types[c].simpleString();
                }
            }
        }
        if (failure != null) {
            if (options.mode == ParseMode.DROPMALFORMED) {
                return;
            }
            if (options.mode == ParseMode.FAILFAST) {
                long line = records.lineNumber();
                throw new EmberException(
                        ErrorClass.MALFORMED_RECORD,
                        "Malformed CSV record in " + path + " at line " + line + ": " + failure + ". The record: '"
                                + SourceFiles.excerpt(records.text())
                                + "'. Use the mode PERMISSIVE or DROPMALFORMED to read past such records");
            }
        }
        int row = builder.numRows();
        for (int c = 0; c < kinds.length; c++) {
            if (output[c] >= 0) {
                commit(c, builder.vector(output[c]), row);
            }
        }
        if (corruptOutput >= 0) {
            ColumnVector vector = builder.vector(corruptOutput);
            if (failure == null) {
                vector.setNull(row);
            } else {
                ((BytesVector) vector).set(row, records.text());
            }
        }
        builder.endRow();
    }

    private void parse(int c, String token) {
        switch (kinds[c]) {
            case INT -> longs[c] = Integer.parseInt(token);
            case LONG -> longs[c] = Long.parseLong(token);
            case SHORT -> longs[c] = Short.parseShort(token);
            case BYTE -> longs[c] = Byte.parseByte(token);
            case FLOAT -> doubles[c] = parseDouble(token);
            case DOUBLE -> doubles[c] = parseDouble(token);
            case BOOLEAN -> {
                if (token.equalsIgnoreCase("true")) {
                    longs[c] = 1;
                } else if (token.equalsIgnoreCase("false")) {
                    longs[c] = 0;
                } else {
                    throw new IllegalArgumentException(token);
                }
            }
            case DECIMAL -> {
                DecimalType type = (DecimalType) types[c];
                BigDecimal value = new BigDecimal(token).setScale(type.scale(), RoundingMode.HALF_UP);
                if (value.precision() > type.precision()) {
                    throw new ArithmeticException("overflow");
                }
                objects[c] = value;
            }
            case STRING -> objects[c] = token;
            case BINARY -> objects[c] = token.getBytes(StandardCharsets.UTF_8);
            case DATE -> longs[c] = options.temporal.parseDate(token);
            case TIMESTAMP -> longs[c] = options.temporal.parseTimestamp(token);
            case TIMESTAMP_NTZ -> longs[c] = options.temporal.parseTimestampNtz(token);
            default -> throw new IllegalStateException("kind " + kinds[c]);
        }
    }

    private double parseDouble(String token) {
        if (token.equals(options.nanValue)) {
            return Double.NaN;
        }
        if (token.equals(options.positiveInf)) {
            return Double.POSITIVE_INFINITY;
        }
        if (token.equals(options.negativeInf)) {
            return Double.NEGATIVE_INFINITY;
        }
        char last = token.charAt(token.length() - 1);
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
            throw new NumberFormatException(token);
        }
        return Double.parseDouble(token);
    }

    private void commit(int c, ColumnVector vector, int row) {
        if (nulls[c]) {
            vector.setNull(row);
            return;
        }
        switch (kinds[c]) {
            case INT, SHORT, BYTE, DATE -> ((IntVector) vector).set(row, (int) longs[c]);
            case LONG, TIMESTAMP, TIMESTAMP_NTZ -> ((LongVector) vector).set(row, longs[c]);
            case FLOAT -> ((FloatVector) vector).set(row, (float) doubles[c]);
            case DOUBLE -> ((DoubleVector) vector).set(row, doubles[c]);
            case BOOLEAN -> ((BooleanVector) vector).set(row, longs[c] != 0);
            case STRING -> ((BytesVector) vector).set(row, (String) objects[c]);
            case BINARY -> ((BytesVector) vector).set(row, (byte[]) objects[c]);
            default -> vector.setObject(row, objects[c]);
        }
    }

    private void closeQuietly() {
        try {
            records.close();
        } catch (IOException e) {
            // already failing
        }
    }

    @Override
    public void close() throws IOException {
        done = true;
        next = null;
        records.close();
    }
}
