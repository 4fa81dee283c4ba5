package dev.ember.sql.vector;

import dev.ember.sql.types.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conversions between batches and rows of internal values, compaction, and text for tests and messages. */
public final class Batches {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Batches() {}

    /** The selected rows of {@code batch}, in order, as arrays of internal values (null for null). */
    public static List<Object[]> toRows(ColumnBatch batch) {
        int columns = batch.numColumns();
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (int k = 0; k < batch.size(); k++) {
            int row = batch.row(k);
            Object[] values = new Object[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = batch.column(i).getObject(row);
            }
            rows.add(values);
        }
        return rows;
    }

    /** A batch holding {@code rows} of internal values of {@code types}, however many there are. */
    public static ColumnBatch fromRows(List<Object[]> rows, List<DataType> types) {
        ColumnVector[] columns = new ColumnVector[types.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnVectors.allocate(types.get(i), rows.size());
        }
        for (int row = 0; row < rows.size(); row++) {
            Object[] values = rows.get(row);
            if (values.length != columns.length) {
                throw new IllegalArgumentException(
                        "Row " + row + " has " + values.length + " values for " + columns.length + " columns");
            }
            for (int i = 0; i < columns.length; i++) {
                columns[i].setObject(row, values[i]);
            }
        }
        return ColumnBatch.of(rows.size(), columns);
    }

    /**
     * {@code batch} without a selection: itself if it has none, else a batch of new vectors holding only the rows
     * selected.
     */
    public static ColumnBatch compact(ColumnBatch batch) {
        int[] selection = batch.selection();
        if (selection == null) {
            return batch;
        }
        int count = batch.size();
        ColumnVector[] columns = new ColumnVector[batch.numColumns()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = batch.column(i).gather(selection, count);
        }
        return ColumnBatch.of(count, columns);
    }

    /** The selected rows, one a line, as {@code [1, abc, null]}. */
    public static String toString(ColumnBatch batch) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < batch.size(); k++) {
            int row = batch.row(k);
            text.append('[');
            for (int i = 0; i < batch.numColumns(); i++) {
                if (i > 0) {
                    text.append(", ");
                }
                appendValue(text, batch.column(i).getObject(row));
            }
            text.append("]\n");
        }
        return text.toString();
    }

    /** The rows of {@code vector} as {@code [1, 2, null]}. */
    public static String toString(ColumnVector vector) {
        StringBuilder text = new StringBuilder("[");
        for (int row = 0; row < vector.size(); row++) {
            if (row > 0) {
                text.append(", ");
            }
            appendValue(text, vector.getObject(row));
        }
        return text.append(']').toString();
    }

    /** An internal value as text: decimals plain, binary in hex, structs in braces, nested values likewise. */
    public static String valueToString(Object value) {
        StringBuilder text = new StringBuilder();
        appendValue(text, value);
        return text.toString();
    }

    private static void appendValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("null");
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof byte[] bytes) {
            text.append("0x");
            for (byte b : bytes) {
                text.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        } else if (value instanceof Object[] struct) {
            text.append('{');
            for (int i = 0; i < struct.length; i++) {
                if (i > 0) {
                    text.append(", ");
                }
                appendValue(text, struct[i]);
            }
            text.append('}');
        } else if (value instanceof List<?> list) {
            text.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    text.append(", ");
                }
                appendValue(text, list.get(i));
            }
            text.append(']');
        } else if (value instanceof Map<?, ?> map) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    text.append(", ");
                }
                first = false;
                appendValue(text, entry.getKey());
                text.append(" -> ");
                appendValue(text, entry.getValue());
            }
            text.append('}');
        } else {
            text.append(value);
        }
    }
}
