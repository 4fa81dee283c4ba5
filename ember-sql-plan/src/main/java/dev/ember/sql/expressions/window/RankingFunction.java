package dev.ember.sql.expressions.window;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * The ranking functions, without arguments, over the ORDER BY of the window: {@code row_number()} (1, 2, 3...),
 * {@code rank()} (ties share a rank and leave gaps), {@code dense_rank()} (ties share a rank, no gaps), {@code
 * percent_rank()} ((rank - 1) / (rows - 1), 0 for a partition of one row) and {@code cume_dist()} (the fraction of the
 * partition's rows up to the current row's last peer).
 */
public record RankingFunction(Kind kind) implements WindowFunction {
    private static final long serialVersionUID = 1L;

    /** Which ranking function. */
    public enum Kind {
        ROW_NUMBER("row_number"),
        RANK("rank"),
        DENSE_RANK("dense_rank"),
        PERCENT_RANK("percent_rank"),
        CUME_DIST("cume_dist");

        private final String sqlName;

        Kind(String sqlName) {
            this.sqlName = sqlName;
        }

        public String sqlName() {
            return sqlName;
        }
    }

    public RankingFunction {
        requireNonNull(kind, "kind is null");
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return this;
    }

    @Override
    public DataType dataType() {
        return kind == Kind.PERCENT_RANK || kind == Kind.CUME_DIST ? DataTypes.DoubleType : DataTypes.IntegerType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String prettyName() {
        return kind.sqlName();
    }

    @Override
    public String sql() {
        return kind.sqlName() + "()";
    }
}
