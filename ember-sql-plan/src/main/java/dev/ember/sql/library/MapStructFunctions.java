package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Map and struct functions: building maps from values, arrays or entries, reading their keys, values and entries,
 * and building structs.
 */
final class MapStructFunctions {
    private MapStructFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(key0, value0, key1, value1, ...) - Creates a map with the given key/value pairs.",
                MapStructFunctions::map,
                "map");
        scalar(
                r,
                "_FUNC_(map) - Returns an unordered array containing the keys of the map.",
                c -> {
                    c.count(1);
                    MapType type = CollectionSupport.mapArg(c, 0);
                    return c.fn(
                            new ArrayType(type.keyType(), false),
                            a -> new ArrayList<Object>(((Map<?, ?>) a[0]).keySet()),
                            c.arg(0));
                },
                "map_keys");
        scalar(
                r,
                "_FUNC_(map) - Returns an unordered array containing the values of the map.",
                c -> {
                    c.count(1);
                    MapType type = CollectionSupport.mapArg(c, 0);
                    return c.fn(
                            new ArrayType(type.valueType(), type.valueContainsNull()),
                            a -> new ArrayList<Object>(((Map<?, ?>) a[0]).values()),
                            c.arg(0));
                },
                "map_values");
        scalar(
                r,
                "_FUNC_(map) - Returns an unordered array of all entries in the given map.",
                c -> {
                    c.count(1);
                    MapType type = CollectionSupport.mapArg(c, 0);
                    StructType entry = CollectionSupport.entryType(type);
                    return c.fn(
                            new ArrayType(entry, false),
                            a -> {
                                List<Object> entries = new ArrayList<>();
                                for (Map.Entry<?, ?> e : ((Map<?, ?>) a[0]).entrySet()) {
                                    entries.add(new Object[] {e.getKey(), e.getValue()});
                                }
                                return entries;
                            },
                            c.arg(0));
                },
                "map_entries");
        scalar(
                r,
                "_FUNC_(keys, values) - Creates a map with a pair of the given key/value arrays. All elements in keys"
                        + " should not be null.",
                MapStructFunctions::mapFromArrays,
                "map_from_arrays");
        scalar(
                r,
                "_FUNC_(arrayOfEntries) - Returns a map created from the given array of entries.",
                MapStructFunctions::mapFromEntries,
                "map_from_entries");
        scalar(
                r,
                "_FUNC_(map, key) - Returns true if the map contains the key.",
                c -> {
                    c.count(2);
                    MapType type = CollectionSupport.mapArg(c, 0);
                    Expression key = c.as(1, type.keyType());
                    DataType keyType = type.keyType();
                    return c.fn(
                            DataTypes.BooleanType,
                            a -> CollectionSupport.lookup((Map<?, ?>) a[0], a[1], keyType)
                                    != CollectionSupport.NOT_FOUND,
                            c.arg(0),
                            key);
                },
                "map_contains_key");
        scalar(
                r,
                "_FUNC_(col1, col2, col3, ...) - Creates a struct with the given field values.",
                MapStructFunctions::struct,
                "struct");
        scalar(
                r,
                "_FUNC_(name1, val1, name2, val2, ...) - Creates a struct with the given field names and values.",
                MapStructFunctions::namedStruct,
                "named_struct");
    }

    private static Expression map(Call c) {
        if (c.size() % 2 != 0) {
            throw new EmberException(
                    ErrorClass.UNRESOLVED_ROUTINE,
                    "The function map takes an even number of arguments, but " + c.size() + " were given: " + c.sql());
        }
        List<Expression> keys = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < c.size(); i += 2) {
            keys.add(c.arg(i));
            values.add(c.arg(i + 1));
        }
        keys = ConditionalFunctions.widen(c, keys);
        values = ConditionalFunctions.widen(c, values);
        DataType keyType = keys.isEmpty() ? DataTypes.NullType : keys.get(0).dataType();
        DataType valueType =
                values.isEmpty() ? DataTypes.NullType : values.get(0).dataType();
        if (!keyType.isOrderable() || keyType instanceof MapType) {
            throw c.invalid("The keys of a map cannot be maps");
        }
        List<Expression> args = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            args.add(keys.get(i));
            args.add(values.get(i));
        }
        boolean valueNulls = values.stream().anyMatch(Expression::nullable);
        String where = c.sql();
        return new ScalarFunction(c.name, args, new MapType(keyType, valueType, valueNulls), false, false, true, a -> {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < a.length; i += 2) {
                CollectionSupport.putKey(map, a[i], a[i + 1], keyType, where);
            }
            return map;
        });
    }

    private static Expression mapFromArrays(Call c) {
        c.count(2);
        ArrayType keys = CollectionSupport.arrayArg(c, 0);
        ArrayType values = CollectionSupport.arrayArg(c, 1);
        DataType keyType = keys.elementType();
        String where = c.sql();
        return c.fn(
                new MapType(keyType, values.elementType(), values.containsNull()),
                a -> {
                    List<?> k = (List<?>) a[0];
                    List<?> v = (List<?>) a[1];
                    if (k.size() != v.size()) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The key and value arrays of " + where + " must have the same length, but they have "
                                        + k.size() + " and " + v.size() + " elements");
                    }
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < k.size(); i++) {
                        CollectionSupport.putKey(map, k.get(i), v.get(i), keyType, where);
                    }
                    return map;
                },
                c.arg(0),
                c.arg(1));
    }

    private static Expression mapFromEntries(Call c) {
        c.count(1);
        ArrayType array = CollectionSupport.arrayArg(c, 0);
        if (!(array.elementType() instanceof StructType entry) || entry.size() != 2) {
            throw c.mismatch(0, "an ARRAY of STRUCTs of two fields");
        }
        DataType keyType = entry.field(0).dataType();
        String where = c.sql();
        return c.fnNullable(
                new MapType(keyType, entry.field(1).dataType(), entry.field(1).nullable()),
                a -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (Object element : (List<?>) a[0]) {
                        if (element == null) {
                            return null;
                        }
                        Object[] pair = (Object[]) element;
                        CollectionSupport.putKey(map, pair[0], pair[1], keyType, where);
                    }
                    return map;
                },
                c.arg(0));
    }

    private static Expression struct(Call c) {
        c.count(1, -1);
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            Expression argument = c.arg(i);
            String name = argument instanceof NamedExpression named ? named.name() : "col" + (i + 1);
            fields.add(new StructField(name, argument.dataType(), argument.nullable()));
        }
        return new ScalarFunction(
                c.name, c.args, new StructType(fields), false, false, true, a -> Arrays.copyOf(a, a.length));
    }

    private static Expression namedStruct(Call c) {
        if (c.size() == 0 || c.size() % 2 != 0) {
            throw new EmberException(
                    ErrorClass.UNRESOLVED_ROUTINE,
                    "The function named_struct takes a positive even number of arguments, but " + c.size()
                            + " were given: " + c.sql());
        }
        List<StructField> fields = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < c.size(); i += 2) {
            if (!(c.type(i) instanceof StringType) || !c.isConstant(i) || c.constant(i) == null) {
                throw c.mismatch(i, "a constant STRING naming a field");
            }
            fields.add(new StructField(
                    (String) c.constant(i), c.type(i + 1), c.arg(i + 1).nullable()));
            values.add(c.arg(i + 1));
        }
        return new ScalarFunction(
                c.name, values, new StructType(fields), false, false, true, a -> Arrays.copyOf(a, a.length));
    }
}
