package dev.ember.sql.library;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.MapType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call of a higher-order function ({@link HigherOrderFunctions}): {@code arguments} are the arrays, maps and initial
 * values it works on, {@code functions} its lambdas, whose parameters are already typed. The types the lambdas must
 * return are checked once their bodies are resolved ({@link #dataType}). Evaluated a row at a time: each call of a
 * lambda binds its parameters in the row's lambda scope ({@link LambdaFunction#apply}).
 */
record HigherOrderCall(Kind kind, String name, List<Expression> arguments, List<LambdaFunction> functions)
        implements Expression {
    private static final long serialVersionUID = 1L;

    /** Which function is called. */
    enum Kind {
        TRANSFORM,
        FILTER,
        EXISTS,
        FORALL,
        AGGREGATE,
        ZIP_WITH,
        MAP_FILTER,
        TRANSFORM_KEYS,
        TRANSFORM_VALUES,
        ARRAY_SORT
    }

    HigherOrderCall {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        arguments = List.copyOf(arguments);
        functions = List.copyOf(functions);
    }

    @Override
    public List<Expression> children() {
        List<Expression> children = new ArrayList<>(arguments);
        children.addAll(functions);
        return children;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        List<LambdaFunction> lambdas = new ArrayList<>();
        for (Expression child : children.subList(arguments.size(), children.size())) {
            lambdas.add((LambdaFunction) child);
        }
        return new HigherOrderCall(kind, name, children.subList(0, arguments.size()), lambdas);
    }

    private LambdaFunction function() {
        return functions.get(0);
    }

    @Override
    public DataType dataType() {
        DataType input = arguments.get(0).dataType();
        DataType result = function().dataType();
        return switch (kind) {
            case TRANSFORM, ZIP_WITH -> new ArrayType(result, function().nullable());
            case FILTER, ARRAY_SORT, MAP_FILTER -> {
                expect(function(), kind == Kind.ARRAY_SORT ? DataTypes.IntegerType : DataTypes.BooleanType);
                yield input;
            }
            case EXISTS, FORALL -> {
                expect(function(), DataTypes.BooleanType);
                yield DataTypes.BooleanType;
            }
            case AGGREGATE -> {
                DataType accumulator = arguments.get(1).dataType();
                if (!function().dataType().equals(accumulator)) {
                    throw new EmberException(
                            ErrorClass.DATATYPE_MISMATCH,
                            "The merge function of " + sql() + " returns "
                                    + function().dataType().sql()
                                    + ", but the initial value is " + accumulator.sql()
                                    + "; cast the initial value (for example 0L or CAST(0 AS DOUBLE))");
                }
                yield functions.size() > 1 ? functions.get(1).dataType() : accumulator;
            }
            case TRANSFORM_KEYS -> {
                MapType map = (MapType) input;
                yield new MapType(result, map.valueType(), map.valueContainsNull());
            }
            case TRANSFORM_VALUES -> {
                MapType map = (MapType) input;
                yield new MapType(map.keyType(), result, function().nullable());
            }
        };
    }

    private void expect(LambdaFunction lambda, DataType wanted) {
        DataType actual = lambda.dataType();
        boolean fits = wanted instanceof BooleanType ? actual instanceof BooleanType : actual instanceof IntegerType;
        if (!fits) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "The lambda function " + lambda.sql() + " of " + name + " must return " + wanted.sql()
                            + ", but it returns " + actual.sql() + ": " + sql());
        }
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public Object eval(InternalRow input) {
        Object first = arguments.get(0).eval(input);
        if (first == null) {
            return null;
        }
        return switch (kind) {
            case TRANSFORM -> transform(input, (List<?>) first);
            case FILTER -> filter(input, (List<?>) first);
            case EXISTS -> exists(input, (List<?>) first, true);
            case FORALL -> exists(input, (List<?>) first, false);
            case AGGREGATE -> aggregate(input, (List<?>) first);
            case ZIP_WITH -> zipWith(input, (List<?>) first);
            case MAP_FILTER -> mapFilter(input, (Map<?, ?>) first);
            case TRANSFORM_KEYS -> transformKeys(input, (Map<?, ?>) first);
            case TRANSFORM_VALUES -> transformValues(input, (Map<?, ?>) first);
            case ARRAY_SORT -> sort(input, (List<?>) first);
        };
    }

    private boolean indexed() {
        return function().parameterNames().size() == 2;
    }

    private List<Object> transform(InternalRow input, List<?> array) {
        List<Object> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            result.add(
                    indexed()
                            ? function().apply(input, array.get(i), i)
                            : function().apply(input, array.get(i)));
        }
        return result;
    }

    private List<Object> filter(InternalRow input, List<?> array) {
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object keep = indexed()
                    ? function().apply(input, array.get(i), i)
                    : function().apply(input, array.get(i));
            if (Boolean.TRUE.equals(keep)) {
                result.add(array.get(i));
            }
        }
        return result;
    }

    /** exists ({@code some} true) or forall ({@code some} false), with SQL's three-valued logic. */
    private Boolean exists(InternalRow input, List<?> array, boolean some) {
        boolean sawNull = false;
        for (Object element : array) {
            Object value = function().apply(input, element);
            if (value == null) {
                sawNull = true;
            } else if ((Boolean) value == some) {
                return some;
            }
        }
        return sawNull ? null : !some;
    }

    private Object aggregate(InternalRow input, List<?> array) {
        Object accumulator = arguments.get(1).eval(input);
        for (Object element : array) {
            accumulator = function().apply(input, accumulator, element);
        }
        return functions.size() > 1 ? functions.get(1).apply(input, accumulator) : accumulator;
    }

    private List<Object> zipWith(InternalRow input, List<?> first) {
        Object other = arguments.get(1).eval(input);
        if (other == null) {
            return null;
        }
        List<?> second = (List<?>) other;
        int length = Math.max(first.size(), second.size());
        List<Object> result = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            result.add(function()
                    .apply(input, i < first.size() ? first.get(i) : null, i < second.size() ? second.get(i) : null));
        }
        return result;
    }

    private Map<Object, Object> mapFilter(InternalRow input, Map<?, ?> map) {
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (Boolean.TRUE.equals(function().apply(input, entry.getKey(), entry.getValue()))) {
                result.put(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    private Map<Object, Object> transformKeys(InternalRow input, Map<?, ?> map) {
        Map<Object, Object> result = new LinkedHashMap<>();
        DataType keyType = function().dataType();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = function().apply(input, entry.getKey(), entry.getValue());
            CollectionSupport.putKey(result, key, entry.getValue(), keyType, sql());
        }
        return result;
    }

    private Map<Object, Object> transformValues(InternalRow input, Map<?, ?> map) {
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            result.put(entry.getKey(), function().apply(input, entry.getKey(), entry.getValue()));
        }
        return result;
    }

    private List<Object> sort(InternalRow input, List<?> array) {
        List<Object> result = new ArrayList<>(array);
        try {
            result.sort((left, right) -> {
                Object order = function().apply(input, left, right);
                if (order == null) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "The comparator of " + sql() + " returned null for " + left + " and " + right);
                }
                return (Integer) order;
            });
        } catch (IllegalArgumentException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The comparator of " + sql() + " is not consistent (it must order any two elements the same way"
                            + " each time): " + e.getMessage());
        }
        return result;
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        for (Expression child : children()) {
            parts.add(child.sql());
        }
        return name + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public String toString() {
        return sql();
    }
}
