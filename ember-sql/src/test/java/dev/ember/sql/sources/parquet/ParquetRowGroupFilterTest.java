package dev.ember.sql.sources.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Comparison.Op;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row group skipping: every test checks both that the row groups read are fewer when the statistics allow it and that
 * every row satisfying the filter is still read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetRowGroupFilterTest {
    private static final int ROWS = 20_000;
    private static final DecimalType MONEY = DataTypes.createDecimalType(9, 2);
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("key", DataTypes.StringType)
            .add("maybe", DataTypes.IntegerType)
            .add("d", DataTypes.DoubleType)
            .add("money", MONEY)
            .add("day", DataTypes.DateType);

    @TempDir
    static Path dir;

    private final ParquetFormat format = new ParquetFormat();
    private Path file;
    private List<Object[]> rows;
    private int totalRowGroups;

    private static final AttributeReference ID = AttributeReference.create("id", DataTypes.LongType, true);
    private static final AttributeReference KEY = AttributeReference.create("key", DataTypes.StringType, true);
    private static final AttributeReference MAYBE = AttributeReference.create("maybe", DataTypes.IntegerType, true);
    private static final AttributeReference D = AttributeReference.create("d", DataTypes.DoubleType, true);
    private static final AttributeReference MONEY_COLUMN = AttributeReference.create("money", MONEY, true);
    private static final AttributeReference DAY = AttributeReference.create("day", DataTypes.DateType, true);

    @BeforeAll
    void writeSortedFile() throws IOException {
        rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Object[] {
                (long) i,
                String.format(Locale.ROOT, "k%06d", i),
                i < ROWS / 2 ? null : i,
                i == 15_000 ? Double.NaN : (double) i,
                BigDecimal.valueOf(i, 2),
                i - 100
            });
        }
        file = dir.resolve("sorted.parquet");
        ParquetTestSupport.write(format, file, SCHEMA, rows, ParquetFormatTest.smallRowGroups());
        totalRowGroups = (int) ParquetFormatTest.rowGroupCount(file);
        assertThat(totalRowGroups).isGreaterThan(8);
    }

    private static Literal lit(Object value, DataType type) {
        return new Literal(value, type);
    }

    private static Comparison cmp(Op op, Expression left, Expression right) {
        return new Comparison(op, left, right);
    }

    /** Reads with {@code filter}, checks no row satisfying {@code matches} is lost, and gives the row groups read. */
    private int rowGroupsReadWith(Expression filter, Predicate<Object[]> matches) throws IOException {
        long length = Files.size(file);
        TreeSet<Long> read = new TreeSet<>();
        int rowGroupsRead;
        try (ParquetBatchReader reader = (ParquetBatchReader) format.read(
                new FileSplit(file.toString(), 0, length, length, List.of()),
                SCHEMA,
                SCHEMA,
                List.of(filter),
                SourceOptions.empty())) {
            while (reader.hasNext()) {
                ColumnBatch batch = reader.next();
                for (int k = 0; k < batch.size(); k++) {
                    read.add(batch.column(0).getLong(batch.row(k)));
                }
            }
            rowGroupsRead = reader.rowGroupsRead();
        }
        List<Long> lost = new ArrayList<>();
        for (Object[] row : rows) {
            if (matches.test(row) && !read.contains((Long) row[0])) {
                lost.add((Long) row[0]);
            }
        }
        assertThat(lost).as("matching rows not read with %s", filter.sql()).isEmpty();
        return rowGroupsRead;
    }

    /** The row groups holding some id that satisfies {@code wanted} (ids are written in order, one per row). */
    private int rowGroupsHolding(java.util.function.LongPredicate wanted) throws IOException {
        int count = 0;
        long first = 0;
        for (org.apache.parquet.hadoop.metadata.BlockMetaData block :
                ParquetFile.readFooter(file).getBlocks()) {
            for (long id = first; id < first + block.getRowCount(); id++) {
                if (wanted.test(id)) {
                    count++;
                    break;
                }
            }
            first += block.getRowCount();
        }
        return count;
    }

    @Test
    void rangesOnALongColumnSkipRowGroupsOutsideThem() throws IOException {
        assertThat(rowGroupsReadWith(
                        cmp(Op.GREATER_THAN, ID, lit(18_000L, DataTypes.LongType)), r -> (Long) r[0] > 18_000))
                .isBetween(1, totalRowGroups / 4);
        assertThat(rowGroupsReadWith(cmp(Op.EQUAL, ID, lit(5L, DataTypes.LongType)), r -> (Long) r[0] == 5))
                .isEqualTo(1);
        assertThat(rowGroupsReadWith(cmp(Op.GREATER_THAN, lit(100L, DataTypes.LongType), ID), r -> (Long) r[0] < 100))
                .isEqualTo(1);
        assertThat(rowGroupsReadWith(cmp(Op.LESS_THAN_OR_EQUAL, ID, lit(19_999L, DataTypes.LongType)), r -> true))
                .isEqualTo(totalRowGroups);
    }

    @Test
    void aFilterNoRowGroupCanSatisfyYieldsNoBatches() throws IOException {
        assertThat(rowGroupsReadWith(cmp(Op.LESS_THAN, ID, lit(0L, DataTypes.LongType)), r -> false))
                .isZero();
        assertThat(rowGroupsReadWith(cmp(Op.EQUAL, ID, Literal.nullOf(DataTypes.LongType)), r -> false))
                .isZero();
        assertThat(rowGroupsReadWith(
                        cmp(
                                Op.EQUAL,
                                AttributeReference.create("absent", DataTypes.IntegerType, true),
                                lit(1, DataTypes.IntegerType)),
                        r -> false))
                .isZero();
    }

    @Test
    void stringsCompareAsUnsignedBytes() throws IOException {
        assertThat(rowGroupsReadWith(
                        cmp(Op.EQUAL, KEY, lit("k012345", DataTypes.StringType)), r -> r[1].equals("k012345")))
                .isEqualTo(1);
        assertThat(rowGroupsReadWith(
                        cmp(Op.GREATER_THAN_OR_EQUAL, KEY, lit("k019990", DataTypes.StringType)),
                        r -> ((String) r[1]).compareTo("k019990") >= 0))
                .isEqualTo(1);
        // Every key sorts below a non-ASCII character's bytes (0xC3...), and above "k".
        assertThat(rowGroupsReadWith(cmp(Op.GREATER_THAN, KEY, lit("é", DataTypes.StringType)), r -> false))
                .isZero();
        assertThat(rowGroupsReadWith(cmp(Op.LESS_THAN, KEY, lit("é", DataTypes.StringType)), r -> true))
                .isEqualTo(totalRowGroups);
    }

    @Test
    void nullCountsDecideIsNullAndIsNotNull() throws IOException {
        int nulls = rowGroupsReadWith(new IsNull(MAYBE), r -> r[2] == null);
        int notNulls = rowGroupsReadWith(new IsNotNull(MAYBE), r -> r[2] != null);
        assertThat(nulls).isLessThan(totalRowGroups);
        assertThat(notNulls).isLessThan(totalRowGroups);
        // One row group may straddle the half where the nulls stop.
        assertThat(nulls + notNulls).isBetween(totalRowGroups, totalRowGroups + 1);
        assertThat(rowGroupsReadWith(new IsNull(ID), r -> false)).isZero();
        assertThat(rowGroupsReadWith(new Not(new IsNotNull(ID)), r -> false)).isZero();
    }

    @Test
    void andOrNotAndInCombineTheirParts() throws IOException {
        Expression lowOrHigh = new Or(
                cmp(Op.LESS_THAN, ID, lit(100L, DataTypes.LongType)),
                cmp(Op.GREATER_THAN, ID, lit(19_900L, DataTypes.LongType)));
        assertThat(rowGroupsReadWith(lowOrHigh, r -> (Long) r[0] < 100 || (Long) r[0] > 19_900))
                .isEqualTo(rowGroupsHolding(id -> id < 100 || id > 19_900));
        Expression notLow = new Not(cmp(Op.LESS_THAN, ID, lit(19_000L, DataTypes.LongType)));
        assertThat(rowGroupsReadWith(notLow, r -> (Long) r[0] >= 19_000))
                .isEqualTo(rowGroupsHolding(id -> id >= 19_000));
        Expression both = new And(
                cmp(Op.GREATER_THAN, ID, lit(10L, DataTypes.LongType)),
                cmp(Op.LESS_THAN, ID, lit(20L, DataTypes.LongType)));
        assertThat(rowGroupsReadWith(both, r -> (Long) r[0] > 10 && (Long) r[0] < 20))
                .isEqualTo(1);
        Expression in = new In(ID, List.of(lit(3L, DataTypes.LongType), lit(19_999L, DataTypes.LongType)));
        assertThat(rowGroupsReadWith(in, r -> (Long) r[0] == 3 || (Long) r[0] == 19_999))
                .isEqualTo(2);
        Expression notIn = new Not(new In(ID, List.of(lit(3L, DataTypes.LongType))));
        assertThat(rowGroupsReadWith(notIn, r -> (Long) r[0] != 3)).isEqualTo(totalRowGroups);
        Expression notEqual = cmp(Op.NOT_EQUAL, ID, lit(3L, DataTypes.LongType));
        assertThat(rowGroupsReadWith(notEqual, r -> (Long) r[0] != 3)).isEqualTo(totalRowGroups);
    }

    @Test
    void aNanIsNeverSkippedByAnUpperBound() throws IOException {
        // Row 15000 holds NaN, which is greater than every number in SQL.
        rowGroupsReadWith(cmp(Op.GREATER_THAN, D, lit(19_000.5, DataTypes.DoubleType)), r -> {
            double d = (Double) r[3];
            return Double.isNaN(d) || d > 19_000.5;
        });
        assertThat(rowGroupsReadWith(cmp(Op.LESS_THAN, D, lit(50.0, DataTypes.DoubleType)), r -> (Double) r[3] < 50))
                .isEqualTo(1);
    }

    @Test
    void decimalsAndDatesCompareAsValues() throws IOException {
        assertThat(rowGroupsReadWith(
                        cmp(Op.LESS_THAN, MONEY_COLUMN, lit(new BigDecimal("1.00"), MONEY)),
                        r -> ((BigDecimal) r[4]).compareTo(BigDecimal.ONE) < 0))
                .isEqualTo(1);
        assertThat(rowGroupsReadWith(
                        cmp(Op.GREATER_THAN, MONEY_COLUMN, lit(new BigDecimal("199.00"), MONEY)),
                        r -> ((BigDecimal) r[4]).compareTo(new BigDecimal("199")) > 0))
                .isBetween(1, 2);
        assertThat(rowGroupsReadWith(cmp(Op.EQUAL, DAY, lit(-100, DataTypes.DateType)), r -> (Integer) r[5] == -100))
                .isEqualTo(1);
    }

    @Test
    void whatIsNotUnderstoodNeverSkips() throws IOException {
        // A literal of another type than the column, a comparison of two columns, a literal true.
        assertThat(rowGroupsReadWith(cmp(Op.EQUAL, ID, lit(5, DataTypes.IntegerType)), r -> (Long) r[0] == 5))
                .isEqualTo(totalRowGroups);
        assertThat(rowGroupsReadWith(cmp(Op.EQUAL, ID, ID), r -> true)).isEqualTo(totalRowGroups);
        assertThat(rowGroupsReadWith(Literal.TRUE, r -> true)).isEqualTo(totalRowGroups);
    }
}
