package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CASE WHEN c1 THEN v1 WHEN c2 THEN v2 ... ELSE e END}: the value of the first branch whose condition is true,
 * else {@code e} (null when there is no ELSE). The analyzer gives every value one type. {@code CASE x WHEN a ...} is
 * parsed into conditions {@code x = a}.
 */
public record CaseWhen(List<Expression> conditions, List<Expression> values, Expression elseValue)
        implements Expression {
    private static final long serialVersionUID = 1L;

    public CaseWhen {
        conditions = List.copyOf(conditions);
        values = List.copyOf(values);
        if (conditions.size() != values.size() || conditions.isEmpty()) {
            throw new IllegalArgumentException("CASE needs one value per condition and at least one branch");
        }
        if (elseValue == null) {
            elseValue = Literal.NULL;
        }
    }

    @Override
    public List<Expression> children() {
        List<Expression> children = new ArrayList<>(conditions.size() * 2 + 1);
        for (int i = 0; i < conditions.size(); i++) {
            children.add(conditions.get(i));
            children.add(values.get(i));
        }
        children.add(elseValue);
        return children;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        List<Expression> newConditions = new ArrayList<>();
        List<Expression> newValues = new ArrayList<>();
        for (int i = 0; i + 1 < children.size(); i += 2) {
            newConditions.add(children.get(i));
            newValues.add(children.get(i + 1));
        }
        return new CaseWhen(newConditions, newValues, children.get(children.size() - 1));
    }

    @Override
    public DataType dataType() {
        return values.get(0).dataType();
    }

    @Override
    public boolean nullable() {
        return values.stream().anyMatch(Expression::nullable) || elseValue.nullable();
    }

    @Override
    public boolean foldable() {
        return children().stream().allMatch(Expression::foldable);
    }

    @Override
    public Object eval(InternalRow input) {
        for (int i = 0; i < conditions.size(); i++) {
            if (Boolean.TRUE.equals(conditions.get(i).eval(input))) {
                return values.get(i).eval(input);
            }
        }
        return elseValue.eval(input);
    }

    @Override
    public String sql() {
        StringBuilder sql = new StringBuilder("CASE");
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(" WHEN ")
                    .append(conditions.get(i).sql())
                    .append(" THEN ")
                    .append(values.get(i).sql());
        }
        if (!(elseValue instanceof Literal literal && literal.value() == null)) {
            sql.append(" ELSE ").append(elseValue.sql());
        }
        return sql.append(" END").toString();
    }
}
