package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import java.util.List;

/** A reference to a column of a plan's output, by identity ({@link #exprId}), with the name it is shown by. */
public sealed interface Attribute extends NamedExpression permits AttributeReference {
    /** The table or alias names that qualify the name ({@code t} in {@code t.a}), outermost first; may be empty. */
    List<String> qualifier();

    Attribute withName(String name);

    Attribute withQualifier(List<String> qualifier);

    Attribute withNullability(boolean nullable);

    Attribute withExprId(ExprId exprId);

    Attribute withDataType(DataType dataType);

    @Override
    default Attribute toAttribute() {
        return this;
    }
}
