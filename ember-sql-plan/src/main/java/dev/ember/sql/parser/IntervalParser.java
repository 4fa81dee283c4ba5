package dev.ember.sql.parser;

import dev.ember.EmberException;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * Interval literals: a year-month interval is a number of months (int), a day-time interval a number of microseconds
 * (bigint). One literal cannot mix the two kinds, as in Spark's ANSI intervals.
 */
final class IntervalParser {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    private static final Pattern YEAR_MONTH = Pattern.compile("([+-])?(\\d+)-(\\d+)");
    private static final Pattern DAY_TIME =
            Pattern.compile("([+-])?(?:(\\d+) )?(\\d+)(?::(\\d+))?(?::(\\d+))?(?:\\.(\\d{1,9}))?");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final ParserRuleContext where;
    private long months;
    private BigDecimal micros = BigDecimal.ZERO;
    private boolean hasMonths;
    private boolean hasMicros;

    /** The fields the literal is written in: the widest and narrowest seen, of each kind. */
    private int startMonthField = YearMonthIntervalType.MONTH;

    private int endMonthField = YearMonthIntervalType.YEAR;
    private int startTimeField = DayTimeIntervalType.SECOND;
    private int endTimeField = DayTimeIntervalType.DAY;

    private IntervalParser(ParserRuleContext where) {
        this.where = where;
    }

    /** {@code INTERVAL 3 DAYS 2 HOURS}, {@code INTERVAL '3' MONTH}: values and units, as already split. */
    static Literal units(ParserRuleContext where, java.util.List<String> values, java.util.List<String> units) {
        IntervalParser parser = new IntervalParser(where);
        for (int i = 0; i < values.size(); i++) {
            parser.add(parser.number(values.get(i)), units.get(i));
        }
        return parser.result();
    }

    /** {@code INTERVAL '3 days 4 hours'}: pairs of a number and a unit in one string, optionally after "interval". */
    static Literal unitless(ParserRuleContext where, String text, boolean negate) {
        IntervalParser parser = new IntervalParser(where);
        String[] words = SPACES.split(text.strip());
        int start = words.length > 0 && words[0].equalsIgnoreCase("interval") ? 1 : 0;
        if (words.length - start == 0 || (words.length - start) % 2 != 0 || words[0].isEmpty()) {
            throw parser.fail("The interval '" + text + "' is not pairs of a number and a unit");
        }
        for (int i = start; i < words.length; i += 2) {
            BigDecimal value = parser.number(words[i]);
            parser.add(negate ? value.negate() : value, words[i + 1]);
        }
        return parser.result();
    }

    /** {@code INTERVAL '1-2' YEAR TO MONTH}, {@code INTERVAL '1 02:03:04.5' DAY TO SECOND} and the like. */
    static Literal range(ParserRuleContext where, String text, boolean negate, String fromUnit, String toUnit) {
        IntervalParser parser = new IntervalParser(where);
        String from = parser.unit(fromUnit);
        String to = parser.unit(toUnit);
        String trimmed = text.strip();
        if (from.equals("YEAR") && to.equals("MONTH")) {
            Matcher m = YEAR_MONTH.matcher(trimmed);
            if (!m.matches()) {
                throw parser.fail("The interval '" + text + "' is not of the form [+|-]y-m for YEAR TO MONTH");
            }
            long month = Long.parseLong(m.group(3));
            if (month > 11) {
                throw parser.fail("The month " + month + " of the interval '" + text + "' is not in 0 to 11");
            }
            long total = Long.parseLong(m.group(2)) * 12 + month;
            boolean negative = "-".equals(m.group(1)) != negate;
            parser.addMonths(negative ? -total : total);
            parser.monthFields(YearMonthIntervalType.YEAR, YearMonthIntervalType.MONTH);
            return parser.result();
        }
        int fromRank = dayTimeRank(from);
        int toRank = dayTimeRank(to);
        if (fromRank < 0 || toRank <= fromRank) {
            throw parser.fail("An interval from " + from + " to " + to + " does not exist");
        }
        Matcher m = DAY_TIME.matcher(trimmed);
        if (!m.matches() || !fieldsMatch(m, fromRank, toRank)) {
            throw parser.fail(
                    "The interval '" + text + "' is not of the form the units " + from + " TO " + to + " need");
        }
        // A form with days has them in group 2, and a leading hour, minute or second in group 3.
        long total = 0;
        String[] fields = {m.group(2), m.group(3), m.group(4), m.group(5)};
        long[] unitMicros = {MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND};
        long[] limits = {Long.MAX_VALUE, 23, 59, 59};
        int rank = fromRank;
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                continue;
            }
            long value = Long.parseLong(fields[i]);
            if (rank > fromRank && value > limits[rank]) {
                throw parser.fail("The field " + value + " of the interval '" + text + "' is out of range");
            }
            total = Math.addExact(total, Math.multiplyExact(value, unitMicros[rank]));
            rank++;
        }
        if (m.group(6) != null) {
            String fraction = (m.group(6) + "000000000").substring(0, 6);
            total += Long.parseLong(fraction);
        }
        boolean negative = "-".equals(m.group(1)) != negate;
        parser.addMicros(BigDecimal.valueOf(negative ? -total : total));
        parser.timeFields(fromRank, toRank);
        return parser.result();
    }

    /** Checks that the fields present are exactly those from the first unit to the last. */
    private static boolean fieldsMatch(Matcher m, int fromRank, int toRank) {
        boolean[] present = new boolean[4];
        if (m.group(2) != null) {
            // "d h..." form: days then the rest.
            present[0] = true;
            int rank = 1;
            for (int g = 3; g <= 5; g++) {
                if (m.group(g) != null) {
                    present[rank] = true;
                }
                rank++;
            }
        } else {
            int rank = fromRank;
            for (int g = 3; g <= 5; g++) {
                if (m.group(g) != null) {
                    if (rank > 3) {
                        return false;
                    }
                    present[rank] = true;
                    rank++;
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            if (present[i] != (i >= fromRank && i <= toRank)) {
                return false;
            }
        }
        // Only the last field may carry a fraction, and only when it is seconds.
        return m.group(6) == null || toRank == 3;
    }

    private static int dayTimeRank(String unit) {
        return switch (unit) {
            case "DAY" -> 0;
            case "HOUR" -> 1;
            case "MINUTE" -> 2;
            case "SECOND" -> 3;
            default -> -1;
        };
    }

    private BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw fail("The interval value '" + text + "' is not a number");
        }
    }

    private String unit(String text) {
        String unit = text.toUpperCase(Locale.ROOT);
        if (unit.endsWith("S")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        return switch (unit) {
            case "YEAR", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND" -> unit;
            default -> throw fail("'" + text + "' is not an interval unit");
        };
    }

    private void add(BigDecimal value, String unitText) {
        String unit = unit(unitText);
        switch (unit) {
            case "YEAR", "MONTH" -> {
                if (value.stripTrailingZeros().scale() > 0) {
                    throw fail("The interval value " + value.toPlainString() + " " + unitText + " is not whole");
                }
                long whole = value.longValueExact();
                addMonths(unit.equals("YEAR") ? Math.multiplyExact(whole, 12) : whole);
                int field = unit.equals("YEAR") ? YearMonthIntervalType.YEAR : YearMonthIntervalType.MONTH;
                monthFields(field, field);
            }
            case "WEEK", "DAY" -> {
                long days = unit.equals("WEEK") ? 7 : 1;
                addMicros(value.multiply(BigDecimal.valueOf(days * MICROS_PER_DAY)));
                timeFields(DayTimeIntervalType.DAY, DayTimeIntervalType.DAY);
            }
            case "HOUR" -> {
                addMicros(value.multiply(BigDecimal.valueOf(MICROS_PER_HOUR)));
                timeFields(DayTimeIntervalType.HOUR, DayTimeIntervalType.HOUR);
            }
            case "MINUTE" -> {
                addMicros(value.multiply(BigDecimal.valueOf(MICROS_PER_MINUTE)));
                timeFields(DayTimeIntervalType.MINUTE, DayTimeIntervalType.MINUTE);
            }
            default -> {
                long unitMicros =
                        switch (unit) {
                            case "SECOND" -> MICROS_PER_SECOND;
                            case "MILLISECOND" -> 1000;
                            default -> 1;
                        };
                addMicros(value.multiply(BigDecimal.valueOf(unitMicros)));
                timeFields(DayTimeIntervalType.SECOND, DayTimeIntervalType.SECOND);
            }
        }
    }

    private void monthFields(int start, int end) {
        startMonthField = Math.min(startMonthField, start);
        endMonthField = Math.max(endMonthField, end);
    }

    private void timeFields(int start, int end) {
        startTimeField = Math.min(startTimeField, start);
        endTimeField = Math.max(endTimeField, end);
    }

    private void addMonths(long value) {
        hasMonths = true;
        months = Math.addExact(months, value);
    }

    private void addMicros(BigDecimal value) {
        hasMicros = true;
        micros = micros.add(value);
    }

    private Literal result() {
        if (hasMonths && hasMicros) {
            throw ParserUtils.unsupported(
                    where,
                    "An interval literal that mixes year-month units with day-time units (" + where.getText() + ")");
        }
        try {
            if (hasMonths) {
                return new Literal(Math.toIntExact(months), new YearMonthIntervalType(startMonthField, endMonthField));
            }
            long total = micros.setScale(0, RoundingMode.DOWN).longValueExact();
            return new Literal(total, new DayTimeIntervalType(startTimeField, endTimeField));
        } catch (ArithmeticException e) {
            throw fail("The interval " + where.getText() + " is out of range");
        }
    }

    private EmberException fail(String message) {
        return ParserUtils.invalid(where, message);
    }
}
