package dev.ember.sql.sources.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.FileFormat.SourceReader;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.ParseMode;
import dev.ember.sql.sources.SchemaColumns;
import dev.ember.sql.sources.SourceFiles;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Reads one split of a JSON file into batches of the required columns. */
final class JsonReader implements SourceReader {
    private final String path;
    private final JsonOptions options;
    private final JsonRecords records;
    private final BatchBuilder builder;
    private final int width;
    private final int corruptIndex;
    private final Map<String, Integer> index = new HashMap<>();
    private final JsonConverters.Converter[] fields;
    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
    private final List<Object[]> recordRows = new ArrayList<>();

    private ColumnBatch next;
    private boolean done;
    private String failure;

    JsonReader(FileSplit split, StructType requiredSchema, JsonOptions options) throws IOException {
        this.path = split.path();
        this.options = options;
        this.width = requiredSchema.size();
        this.corruptIndex = SchemaColumns.corruptIndex(requiredSchema, options.corruptColumn);
        JsonConverters converters = new JsonConverters(options);
        this.fields = new JsonConverters.Converter[width];
        for (int i = 0; i < width; i++) {
            if (i != corruptIndex) {
                index.putIfAbsent(requiredSchema.field(i).name(), i);
                fields[i] = converters.converter(requiredSchema.field(i).dataType());
            }
        }
        this.builder = new BatchBuilder(requiredSchema);
        this.records = new JsonRecords(split.path(), split.start(), split.length(), options);
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
                if (!pending.isEmpty()) {
                    builder.append(pending.poll());
                    continue;
                }
                if (!records.next()) {
                    done = true;
                    records.close();
                    break;
                }
                readRecord();
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

    private void readRecord() throws IOException {
        recordRows.clear();
        failure = null;
        try (JsonParser parser = records.parser()) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                recordRows.add(convertObject(parser));
            } else if (token == JsonToken.START_ARRAY) {
                for (JsonToken element = parser.nextToken();
                        element != JsonToken.END_ARRAY;
                        element = parser.nextToken()) {
                    if (element == JsonToken.START_OBJECT) {
                        recordRows.add(convertObject(parser));
                    } else {
                        fail("an element of the top-level array is not an object");
                        parser.skipChildren();
                    }
                }
            } else {
                fail("the record is not a JSON object");
            }
            if (failure == null && parser.nextToken() != null) {
                fail("there is more text after the JSON value");
            }
        } catch (JsonProcessingException e) {
            recordRows.clear();
            fail("it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (failure != null) {
            if (options.mode == ParseMode.DROPMALFORMED) {
                return;
            }
            if (options.mode == ParseMode.FAILFAST) {
                throw new EmberException(
                        ErrorClass.MALFORMED_RECORD,
                        "Malformed JSON record in " + path + " at line " + records.lineNumber() + ": " + failure
                                + ". The record: '" + SourceFiles.excerpt(records.text())
                                + "'. Use the mode PERMISSIVE or DROPMALFORMED to read past such records");
            }
            if (recordRows.isEmpty()) {
                recordRows.add(new Object[width]);
            }
            if (corruptIndex >= 0) {
                String text = records.text();
                for (Object[] row : recordRows) {
                    row[corruptIndex] = text;
                }
            }
        }
        pending.addAll(recordRows);
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /** The row of the object the parser is on; a field that does not convert is null and fails the record. */
    private Object[] convertObject(JsonParser parser) throws IOException {
        Object[] row = new Object[width];
        JsonStreamContext object = parser.getParsingContext();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            Integer at = index.get(name);
            JsonToken value = parser.nextToken();
            if (at == null) {
                parser.skipChildren();
                continue;
            }
            if (value == JsonToken.VALUE_NULL) {
                row[at] = null;
                continue;
            }
            try {
                row[at] = fields[at].convert(parser, value);
            } catch (JsonConverters.BadValue e) {
                row[at] = null;
                fail("in the field " + name + ", " + e.getMessage());
                while (parser.getParsingContext() != object) {
                    if (parser.nextToken() == null) {
                        break;
                    }
                }
            }
        }
        return row;
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
