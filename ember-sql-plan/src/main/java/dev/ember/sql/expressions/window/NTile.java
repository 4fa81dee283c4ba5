package dev.ember.sql.expressions.window;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * {@code ntile(n)}: splits the ordered rows of the partition into {@code n} buckets numbered from 1, whose sizes
 * differ by at most one, the larger ones first (as Spark and the SQL standard do).
 */
public record NTile(int buckets) implements WindowFunction {
    private static final long serialVersionUID = 1L;

    public NTile {
        if (buckets <= 0) {
            throw new IllegalArgumentException("ntile needs a positive number of buckets, not " + buckets);
        }
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
        return DataTypes.IntegerType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String prettyName() {
        return "ntile";
    }

    @Override
    public String sql() {
        return "ntile(" + Literal.of(buckets).sql() + ")";
    }
}
