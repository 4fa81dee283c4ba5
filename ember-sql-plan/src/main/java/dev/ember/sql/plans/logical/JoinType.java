package dev.ember.sql.plans.logical;

/** The kinds of join, by the SQL that asks for them. */
public enum JoinType {
    INNER("Inner"),
    CROSS("Cross"),
    LEFT_OUTER("LeftOuter"),
    RIGHT_OUTER("RightOuter"),
    FULL_OUTER("FullOuter"),
    /** Left rows that have a match, once each; only the left side's columns. */
    LEFT_SEMI("LeftSemi"),
    /** Left rows that have no match; only the left side's columns. */
    LEFT_ANTI("LeftAnti");

    private final String displayName;

    JoinType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether the output has the right side's columns. */
    public boolean outputsRight() {
        return this != LEFT_SEMI && this != LEFT_ANTI;
    }

    /** Whether left columns can be null in the output because a right row had no match. */
    public boolean leftNullable() {
        return this == RIGHT_OUTER || this == FULL_OUTER;
    }

    /** Whether right columns can be null in the output because a left row had no match. */
    public boolean rightNullable() {
        return this == LEFT_OUTER || this == FULL_OUTER;
    }
}
