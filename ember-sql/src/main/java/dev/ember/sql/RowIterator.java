package dev.ember.sql;

import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The rows of batches, as users see them ({@link Row}s of Java values), a batch at a time. */
final class RowIterator {
    private RowIterator() {}

    static Iterator<Row> of(Iterator<ColumnBatch> batches, StructType schema) {
        return new Iterator<>() {
            private Iterator<Object[]> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && batches.hasNext()) {
                    List<Object[]> rows = new ArrayList<>();
                    QueryExecution.addRows(batches.next(), rows);
                    current = rows.iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] values = current.next();
                Object[] external = new Object[values.length];
                for (int i = 0; i < values.length; i++) {
                    external[i] =
                            ExternalValues.toExternal(values[i], schema.field(i).dataType());
                }
                return new Row(external, schema);
            }
        };
    }
}
