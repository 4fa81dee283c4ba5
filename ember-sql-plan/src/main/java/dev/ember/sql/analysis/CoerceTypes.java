package dev.ember.sql.analysis;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Coalesce;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.Subscript;
import dev.ember.sql.expressions.UnaryMinus;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StringType;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts the implicit casts of ANSI mode so that every operator sees the types it works on, and fails with both
 * types and the expression where no implicit cast exists.
 *
 * <ul>
 *   <li>Arithmetic: both sides in their wider numeric type; {@code /} in double unless a side is a decimal (then
 *       integers become decimals and the result follows the decimal rules); text becomes a double; {@code date + n}
 *       and {@code date - n} are {@code date_add} and {@code date_sub}, {@code date - date} is the interval of days between them, {@code timestamp - timestamp} the
 *       day-time interval between them (Spark 4's results).
 *   <li>Comparisons, {@code IN}, {@code CASE}, {@code coalesce}: all values in their wider type (text compared with a
 *       number is read as that number, with a date as a date).
 *   <li>{@code AND}, {@code OR}, {@code NOT} and {@code CASE} conditions take booleans only.
 * </ul>
 */
final class CoerceTypes implements dev.ember.sql.rules.Rule {
    private final AnalysisContext context;

    CoerceTypes(AnalysisContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformAllExpressions(plan, expression -> {
            if (!expression.resolved() && !childrenResolved(expression)) {
                return expression;
            }
            if (!childrenResolved(expression)) {
                return expression;
            }
            return coerce(expression);
        });
    }

    /**
     * {@code expression} with the implicit casts of every resolved node below it inserted, bottom up: what a function's
     * builder must see, since it picks its kernel and result type from its arguments' types.
     */
    Expression coerceTree(Expression expression) {
        return dev.ember.sql.expressions.Expressions.transformUp(
                expression, node -> childrenResolved(node) && node.resolved() ? coerce(node) : node);
    }

    private static boolean childrenResolved(Expression expression) {
        for (Expression child : expression.children()) {
            if (!child.resolved()) {
                return false;
            }
        }
        return true;
    }

    private Expression coerce(Expression expression) {
        if (expression instanceof Arithmetic arithmetic) {
            return arithmetic(arithmetic);
        }
        if (expression instanceof Comparison comparison) {
            DataType left = comparison.left().dataType();
            DataType right = comparison.right().dataType();
            if (left.equals(right)) {
                return expression;
            }
            DataType common = wider(left, right, expression);
            return new Comparison(comparison.op(), cast(comparison.left(), common), cast(comparison.right(), common));
        }
        if (expression instanceof And and) {
            requireBoolean(and.left(), expression);
            requireBoolean(and.right(), expression);
            return expression;
        }
        if (expression instanceof Or or) {
            requireBoolean(or.left(), expression);
            requireBoolean(or.right(), expression);
            return expression;
        }
        if (expression instanceof Not not) {
            requireBoolean(not.child(), expression);
            return expression;
        }
        if (expression instanceof UnaryMinus minus) {
            if (minus.child().dataType() instanceof StringType) {
                return new UnaryMinus(cast(minus.child(), DataTypes.DoubleType));
            }
            if (isInterval(minus.child().dataType())) {
                return expression;
            }
            requireNumeric(minus.child(), expression);
            return expression;
        }
        if (expression instanceof In in) {
            DataType common = in.value().dataType();
            for (Expression element : in.list()) {
                common = wider(common, element.dataType(), expression);
            }
            List<Expression> list = new ArrayList<>();
            for (Expression element : in.list()) {
                list.add(cast(element, common));
            }
            Expression value = cast(in.value(), common);
            return value == in.value() && list.equals(in.list()) ? expression : new In(value, list);
        }
        if (expression instanceof CaseWhen caseWhen) {
            for (Expression condition : caseWhen.conditions()) {
                requireBoolean(condition, expression);
            }
            DataType common = caseWhen.values().get(0).dataType();
            for (Expression value : caseWhen.values()) {
                common = wider(common, value.dataType(), expression);
            }
            common = wider(common, caseWhen.elseValue().dataType(), expression);
            List<Expression> values = new ArrayList<>();
            for (Expression value : caseWhen.values()) {
                values.add(cast(value, common));
            }
            Expression elseValue = cast(caseWhen.elseValue(), common);
            if (values.equals(caseWhen.values()) && elseValue == caseWhen.elseValue()) {
                return expression;
            }
            return new CaseWhen(caseWhen.conditions(), values, elseValue);
        }
        if (expression instanceof Coalesce coalesce) {
            DataType common = coalesce.arguments().get(0).dataType();
            for (Expression argument : coalesce.arguments()) {
                common = wider(common, argument.dataType(), expression);
            }
            List<Expression> arguments = new ArrayList<>();
            for (Expression argument : coalesce.arguments()) {
                arguments.add(cast(argument, common));
            }
            return arguments.equals(coalesce.arguments()) ? expression : new Coalesce(arguments);
        }
        if (expression instanceof Subscript subscript) {
            DataType container = subscript.child().dataType();
            if (container instanceof ArrayType
                    && !(subscript.key().dataType() instanceof dev.ember.sql.types.IntegerType)) {
                return new Subscript(subscript.child(), cast(subscript.key(), DataTypes.IntegerType));
            }
            if (container instanceof MapType map && !subscript.key().dataType().equals(map.keyType())) {
                return new Subscript(subscript.child(), cast(subscript.key(), map.keyType()));
            }
            if (!(container instanceof ArrayType) && !(container instanceof MapType)) {
                throw mismatch("Only arrays and maps can be subscripted, but "
                        + subscript.child().sql() + " is " + container.sql() + " in " + expression.sql());
            }
        }
        return expression;
    }

    private Expression arithmetic(Arithmetic arithmetic) {
        Expression left = arithmetic.left();
        Expression right = arithmetic.right();
        DataType l = left.dataType();
        DataType r = right.dataType();
        if (isInterval(l) || isInterval(r)) {
            return intervalArithmetic(arithmetic);
        }
        if (l instanceof DateType || r instanceof DateType) {
            return dateArithmetic(arithmetic);
        }
        if (arithmetic.op() == Arithmetic.Op.SUBTRACT
                && (l instanceof dev.ember.sql.types.TimestampType || l instanceof dev.ember.sql.types.TimestampNTZType)
                && l.equals(r)) {
            return call("timestamp_diff_interval", left, right);
        }
        if (l instanceof StringType) {
            left = cast(left, r.isNumeric() ? r : DataTypes.DoubleType);
            l = left.dataType();
        }
        if (r instanceof StringType) {
            right = cast(right, l.isNumeric() ? l : DataTypes.DoubleType);
            r = right.dataType();
        }
        if (l instanceof NullType) {
            left = cast(left, r instanceof NullType ? DataTypes.DoubleType : r);
            l = left.dataType();
        }
        if (r instanceof NullType) {
            right = cast(right, l);
            r = right.dataType();
        }
        requireNumeric(left, arithmetic);
        requireNumeric(right, arithmetic);
        Arithmetic.Op op = arithmetic.op();
        if (op == Arithmetic.Op.INTEGRAL_DIVIDE) {
            if (l instanceof DecimalType || r instanceof DecimalType) {
                DataType common = wider(l, r, arithmetic);
                if (common instanceof DecimalType) {
                    return rebuild(arithmetic, cast(left, common), cast(right, common));
                }
            }
            return rebuild(arithmetic, cast(left, DataTypes.LongType), cast(right, DataTypes.LongType));
        }
        boolean decimal = l instanceof DecimalType || r instanceof DecimalType;
        boolean floating =
                l instanceof DoubleType || r instanceof DoubleType || l instanceof FloatType || r instanceof FloatType;
        if (decimal && !floating) {
            // Decimals keep their own precision and scale; integers become the decimal that holds them.
            Expression decimalLeft = l instanceof DecimalType ? left : cast(left, decimalFor(left));
            Expression decimalRight = r instanceof DecimalType ? right : cast(right, decimalFor(right));
            return rebuild(arithmetic, decimalLeft, decimalRight);
        }
        if (op == Arithmetic.Op.DIVIDE) {
            return rebuild(arithmetic, cast(left, DataTypes.DoubleType), cast(right, DataTypes.DoubleType));
        }
        DataType common = wider(l, r, arithmetic);
        return rebuild(arithmetic, cast(left, common), cast(right, common));
    }

    private static DecimalType decimalFor(Expression operand) {
        return ImplicitCasts.decimalForOperand(operand);
    }

    private Expression dateArithmetic(Arithmetic arithmetic) {
        DataType l = arithmetic.left().dataType();
        DataType r = arithmetic.right().dataType();
        if (l instanceof DateType && r.isIntegral() && arithmetic.op() == Arithmetic.Op.ADD) {
            return call("date_add", arithmetic.left(), arithmetic.right());
        }
        if (r instanceof DateType && l.isIntegral() && arithmetic.op() == Arithmetic.Op.ADD) {
            return call("date_add", arithmetic.right(), arithmetic.left());
        }
        if (l instanceof DateType && r.isIntegral() && arithmetic.op() == Arithmetic.Op.SUBTRACT) {
            return call("date_sub", arithmetic.left(), arithmetic.right());
        }
        if (l instanceof DateType && r instanceof DateType && arithmetic.op() == Arithmetic.Op.SUBTRACT) {
            return call("date_diff_interval", arithmetic.left(), arithmetic.right());
        }
        throw mismatch("The operator " + arithmetic.op().symbol() + " does not take " + l.sql() + " and " + r.sql()
                + " in " + arithmetic.sql());
    }

    private static boolean isInterval(DataType type) {
        return type instanceof dev.ember.sql.types.YearMonthIntervalType
                || type instanceof dev.ember.sql.types.DayTimeIntervalType;
    }

    /**
     * {@code date + INTERVAL '1' YEAR}, {@code ts - INTERVAL '2' HOUR}: the interval added to (or, negated, subtracted
     * from) the date or timestamp; intervals of one kind added or subtracted, an interval multiplied or divided by a
     * number.
     */
    private Expression intervalArithmetic(Arithmetic arithmetic) {
        Expression left = arithmetic.left();
        Expression right = arithmetic.right();
        DataType l = left.dataType();
        DataType r = right.dataType();
        boolean temporalLeft = l instanceof DateType
                || l instanceof dev.ember.sql.types.TimestampType
                || l instanceof dev.ember.sql.types.TimestampNTZType
                || l instanceof StringType;
        if (temporalLeft && isInterval(r)) {
            Expression start = l instanceof StringType ? cast(left, DataTypes.DateType) : left;
            if (arithmetic.op() == Arithmetic.Op.ADD) {
                return call("date_add_interval", start, right);
            }
            if (arithmetic.op() == Arithmetic.Op.SUBTRACT) {
                return call("date_add_interval", start, new UnaryMinus(right));
            }
        }
        if (isInterval(l) && isInterval(r)) {
            if (arithmetic.op() == Arithmetic.Op.ADD) {
                return call("interval_add", left, right);
            }
            if (arithmetic.op() == Arithmetic.Op.SUBTRACT) {
                return call("interval_add", left, new UnaryMinus(right));
            }
        }
        if (isInterval(l) && r.isNumeric()) {
            if (arithmetic.op() == Arithmetic.Op.MULTIPLY) {
                return call("interval_multiply", left, right);
            }
            if (arithmetic.op() == Arithmetic.Op.DIVIDE) {
                return call("interval_divide", left, right);
            }
        }
        if (l.isNumeric() && isInterval(r) && arithmetic.op() == Arithmetic.Op.MULTIPLY) {
            return call("interval_multiply", right, left);
        }
        if (isInterval(l)
                && arithmetic.op() == Arithmetic.Op.ADD
                && (r instanceof DateType
                        || r instanceof dev.ember.sql.types.TimestampType
                        || r instanceof dev.ember.sql.types.TimestampNTZType)) {
            return call("date_add_interval", right, left);
        }
        throw mismatch("The operator " + arithmetic.op().symbol() + " does not take " + l.sql() + " and " + r.sql()
                + " in " + arithmetic.sql());
    }

    private Expression call(String name, Expression... arguments) {
        return context.catalog()
                .functions()
                .lookup(name)
                .orElseThrow(() -> mismatch("The function " + name + " is not registered"))
                .builder()
                .build(List.of(arguments), context.functionContext());
    }

    private static Arithmetic rebuild(Arithmetic original, Expression left, Expression right) {
        if (left == original.left() && right == original.right()) {
            return original;
        }
        return new Arithmetic(original.op(), left, right, original.failOnError());
    }

    private Expression cast(Expression expression, DataType type) {
        return ImplicitCasts.castIfNeeded(expression, type, context.timeZone());
    }

    private static DataType wider(DataType a, DataType b, Expression where) {
        return ImplicitCasts.widerType(a, b)
                .orElseThrow(() -> mismatch("The types " + a.sql() + " and " + b.sql() + " do not mix in " + where.sql()
                        + "; cast one of them explicitly"));
    }

    private static void requireBoolean(Expression operand, Expression where) {
        DataType type = operand.dataType();
        if (!(type instanceof BooleanType) && !(type instanceof NullType)) {
            throw mismatch("The operand " + operand.sql() + " of " + where.sql() + " must be BOOLEAN, but it is "
                    + type.sql());
        }
    }

    private static void requireNumeric(Expression operand, Expression where) {
        DataType type = operand.dataType();
        if (!type.isNumeric()) {
            throw mismatch("The operand " + operand.sql() + " of " + where.sql() + " must be a number, but it is "
                    + type.sql());
        }
    }

    private static EmberException mismatch(String message) {
        return new EmberException(ErrorClass.DATATYPE_MISMATCH, message);
    }
}
