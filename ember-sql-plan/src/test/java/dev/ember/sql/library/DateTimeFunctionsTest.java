package dev.ember.sql.library;

import static dev.ember.sql.library.F.call;
import static dev.ember.sql.library.F.date;
import static dev.ember.sql.library.F.days;
import static dev.ember.sql.library.F.dec;
import static dev.ember.sql.library.F.error;
import static dev.ember.sql.library.F.eval;
import static dev.ember.sql.library.F.evalIn;
import static dev.ember.sql.library.F.lit;
import static dev.ember.sql.library.F.micros;
import static dev.ember.sql.library.F.nul;
import static dev.ember.sql.library.F.ts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DateTimeFunctionsTest {
    private static final FunctionContext TOKYO = new FunctionContext("Asia/Tokyo", true);
    private static final FunctionContext LENIENT = new FunctionContext("UTC", false);
    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;

    @Test
    void addingDaysAndMonths() {
        assertThat(eval("date_add", date("2016-07-30"), 1)).isEqualTo(days("2016-07-31"));
        assertThat(eval("date_add", "2016-07-30", 2)).isEqualTo(days("2016-08-01"));
        assertThat(eval("date_sub", date("2016-03-01"), 1)).isEqualTo(days("2016-02-29"));
        assertThat(eval("dateadd", date("2016-07-30"), (short) -30)).isEqualTo(days("2016-06-30"));
        assertThat(call("date_add", date("2016-07-30"), 1).dataType()).isEqualTo(DataTypes.DateType);
        assertThat(error(() -> call("date_add", date("2016-07-30"), 1L)).errorClass())
                .isEqualTo(ErrorClass.DATATYPE_MISMATCH);
        assertThat(eval("datediff", "2009-07-31", "2009-07-30")).isEqualTo(1);
        assertThat(eval("datediff", date("2009-07-30"), date("2009-07-31"))).isEqualTo(-1);
        assertThat(eval("add_months", date("2016-08-31"), 1)).isEqualTo(days("2016-09-30"));
        assertThat(eval("add_months", date("2016-02-29"), 12)).isEqualTo(days("2017-02-28"));
        assertThat(eval("add_months", date("2016-01-31"), 1)).isEqualTo(days("2016-02-29"));
        assertThat(eval("add_months", date("2016-03-31"), -1)).isEqualTo(days("2016-02-29"));
        assertThat(eval("add_months", nul(DataTypes.DateType), 1)).isNull();
    }

    @Test
    void monthsBetweenRoundsToEightDigits() {
        assertThat(eval("months_between", ts("1997-02-28T10:30:00"), date("1996-10-30")))
                .isEqualTo(3.94959677);
        assertThat(eval("months_between", ts("1997-02-28T10:30:00"), date("1996-10-30"), false))
                .isEqualTo(3.9495967741935485);
        assertThat(eval("months_between", date("2024-02-29"), date("2024-01-31")))
                .isEqualTo(1.0);
        assertThat(eval("months_between", date("2024-03-15"), date("2024-01-15")))
                .isEqualTo(2.0);
        assertThat(eval("months_between", "2024-01-15", "2024-03-15")).isEqualTo(-2.0);
    }

    @Test
    void lastAndNextDay() {
        assertThat(eval("last_day", "2009-01-12")).isEqualTo(days("2009-01-31"));
        assertThat(eval("last_day", date("2024-02-10"))).isEqualTo(days("2024-02-29"));
        assertThat(eval("last_day", date("2023-02-10"))).isEqualTo(days("2023-02-28"));
        assertThat(eval("last_day", date("2000-02-01"))).isEqualTo(days("2000-02-29"));
        assertThat(eval("last_day", date("1900-02-01"))).isEqualTo(days("1900-02-28"));
        assertThat(eval("next_day", date("2015-01-14"), "TU")).isEqualTo(days("2015-01-20"));
        assertThat(eval("next_day", date("2015-01-14"), "wednesday")).isEqualTo(days("2015-01-21"));
        assertThat(eval("next_day", date("2015-01-14"), "Thu")).isEqualTo(days("2015-01-15"));
        assertThat(error(() -> eval("next_day", date("2015-01-14"), "xx")).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(evalIn(LENIENT, "next_day", date("2015-01-14"), "xx")).isNull();
    }

    @Test
    void fieldsOfDates() {
        assertThat(eval("year", date("2016-07-30"))).isEqualTo(2016);
        assertThat(eval("quarter", date("2016-08-31"))).isEqualTo(3);
        assertThat(eval("quarter", date("2016-01-01"))).isEqualTo(1);
        assertThat(eval("month", date("2016-07-30"))).isEqualTo(7);
        assertThat(eval("day", date("2016-07-30"))).isEqualTo(30);
        assertThat(eval("dayofmonth", "2016-07-30")).isEqualTo(30);
        assertThat(eval("dayofweek", date("2009-07-30"))).isEqualTo(5);
        assertThat(eval("dayofweek", date("2009-07-26"))).isEqualTo(1);
        assertThat(eval("weekday", date("2009-07-30"))).isEqualTo(3);
        assertThat(eval("weekday", date("2009-07-26"))).isEqualTo(6);
        assertThat(eval("dayofyear", date("2016-04-09"))).isEqualTo(100);
        assertThat(eval("dayofyear", date("2016-12-31"))).isEqualTo(366);
        assertThat(eval("weekofyear", date("2008-02-20"))).isEqualTo(8);
        assertThat(eval("weekofyear", date("2021-01-01"))).isEqualTo(53);
        assertThat(eval("year", ts("2024-12-31T23:30:00"))).isEqualTo(2024);
        assertThat(evalIn(TOKYO, "year", ts("2024-12-31T23:30:00"))).isEqualTo(2025);
    }

    @Test
    void fieldsOfTimestamps() {
        assertThat(eval("hour", ts("2009-07-30T12:58:59"))).isEqualTo(12);
        assertThat(eval("minute", ts("2009-07-30T12:58:59"))).isEqualTo(58);
        assertThat(eval("second", ts("2009-07-30T12:58:59"))).isEqualTo(59);
        assertThat(eval("hour", "2009-07-30 12:58:59")).isEqualTo(12);
        assertThat(evalIn(TOKYO, "hour", ts("2009-07-30T12:58:59"))).isEqualTo(21);
        assertThat(evalIn(TOKYO, "hour", lit(micros("2009-07-30T12:58:59"), DataTypes.TimestampNTZType)))
                .isEqualTo(12);
        assertThat(eval("hour", date("2009-07-30"))).isEqualTo(0);
    }

    @Test
    void formattingAndParsing() {
        assertThat(eval("date_format", ts("2016-04-08T10:05:03"), "y")).isEqualTo("2016");
        assertThat(eval("date_format", ts("2016-04-08T10:05:03"), "yyyy-MM-dd HH:mm:ss"))
                .isEqualTo("2016-04-08 10:05:03");
        assertThat(eval("date_format", ts("2016-04-08T10:05:03"), "EEE, d MMM yyyy"))
                .isEqualTo("Fri, 8 Apr 2016");
        assertThat(eval("date_format", date("2016-04-08"), "dd/MM/yy")).isEqualTo("08/04/16");
        assertThat(evalIn(TOKYO, "date_format", ts("2016-04-08T20:00:00"), "yyyy-MM-dd HH"))
                .isEqualTo("2016-04-09 05");
        assertThat(error(() -> call("date_format", ts("2016-04-08T10:05:03"), "yyyy-MM-dd qqqqqqq"))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(eval("to_date", "2009-07-30 04:17:52")).isEqualTo(days("2009-07-30"));
        assertThat(eval("to_date", "2016-12-31", "yyyy-MM-dd")).isEqualTo(days("2016-12-31"));
        assertThat(eval("to_date", "31/12/2016", "dd/MM/yyyy")).isEqualTo(days("2016-12-31"));
        assertThat(eval("to_date", ts("2016-12-31T23:00:00"))).isEqualTo(days("2016-12-31"));
        assertThat(error(() -> eval("to_date", "bad", "yyyy-MM-dd")).errorClass())
                .isEqualTo(ErrorClass.CAST_INVALID_INPUT);
        assertThat(error(() -> eval("to_date", "2016-13-45")).errorClass()).isEqualTo(ErrorClass.CAST_INVALID_INPUT);
        assertThat(evalIn(LENIENT, "to_date", "bad", "yyyy-MM-dd")).isNull();
        assertThat(eval("to_timestamp", "2016-12-31 00:12:00")).isEqualTo(micros("2016-12-31T00:12:00"));
        assertThat(eval("to_timestamp", "2016-12-31", "yyyy-MM-dd")).isEqualTo(micros("2016-12-31T00:00:00"));
        assertThat(eval("to_timestamp", "12/31/2016 01:02:03.250 PM", "MM/dd/yyyy hh:mm:ss.SSS a"))
                .isEqualTo(micros("2016-12-31T13:02:03.250"));
        assertThat(evalIn(TOKYO, "to_timestamp", "2016-12-31 09:00", "yyyy-MM-dd HH:mm"))
                .isEqualTo(micros("2016-12-31T00:00:00"));
        assertThat(eval("to_timestamp", "2016-12-31 09:00 +0100", "yyyy-MM-dd HH:mm Z"))
                .isEqualTo(micros("2016-12-31T08:00:00"));
        assertThat(call("to_timestamp", "2016-12-31").dataType()).isEqualTo(DataTypes.TimestampType);
    }

    @Test
    void unixTimes() {
        assertThat(eval("unix_timestamp", "2016-04-08", "yyyy-MM-dd")).isEqualTo(1460073600L);
        assertThat(eval("unix_timestamp", "1970-01-01 00:00:10")).isEqualTo(10L);
        assertThat(eval("to_unix_timestamp", ts("1970-01-01T00:00:01"))).isEqualTo(1L);
        assertThat(eval("unix_timestamp", date("1970-01-02"))).isEqualTo(86400L);
        Expression now = call("unix_timestamp");
        assertThat(now.deterministic()).isFalse();
        assertThat((Long) now.eval(InternalRow.EMPTY)).isGreaterThan(1_700_000_000L);
        assertThat(evalIn(LENIENT, "unix_timestamp", "nope")).isNull();
        assertThat(eval("from_unixtime", 0, "yyyy-MM-dd HH:mm:ss")).isEqualTo("1970-01-01 00:00:00");
        assertThat(eval("from_unixtime", 86400)).isEqualTo("1970-01-02 00:00:00");
        assertThat(evalIn(TOKYO, "from_unixtime", 0)).isEqualTo("1970-01-01 09:00:00");
        assertThat(eval("unix_seconds", ts("1970-01-01T00:00:01"))).isEqualTo(1L);
        assertThat(eval("unix_millis", ts("1970-01-01T00:00:01"))).isEqualTo(1000L);
        assertThat(eval("unix_micros", ts("1970-01-01T00:00:01"))).isEqualTo(1_000_000L);
        assertThat(eval("unix_seconds", ts("1969-12-31T23:59:59.500"))).isEqualTo(-1L);
        assertThat(eval("unix_date", date("1970-01-02"))).isEqualTo(1);
        assertThat(eval("date_from_unix_date", 1)).isEqualTo(1);
        assertThat(eval("timestamp_seconds", 1230219000)).isEqualTo(1_230_219_000_000_000L);
        assertThat(eval("timestamp_seconds", dec("1230219000.123"))).isEqualTo(1_230_219_000_123_000L);
        assertThat(eval("timestamp_seconds", 1.5)).isEqualTo(1_500_000L);
        assertThat(eval("timestamp_millis", 1230219000123L)).isEqualTo(1_230_219_000_123_000L);
        assertThat(eval("timestamp_micros", 1230219000123123L)).isEqualTo(1_230_219_000_123_123L);
        assertThat(error(() -> eval("timestamp_seconds", Long.MAX_VALUE)).errorClass())
                .isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW);
    }

    @Test
    void truncation() {
        Expression source = ts("2015-03-05T09:32:05.359");
        assertThat(eval("date_trunc", "YEAR", source)).isEqualTo(micros("2015-01-01T00:00:00"));
        assertThat(eval("date_trunc", "MM", source)).isEqualTo(micros("2015-03-01T00:00:00"));
        assertThat(eval("date_trunc", "DD", source)).isEqualTo(micros("2015-03-05T00:00:00"));
        assertThat(eval("date_trunc", "HOUR", source)).isEqualTo(micros("2015-03-05T09:00:00"));
        assertThat(eval("date_trunc", "minute", source)).isEqualTo(micros("2015-03-05T09:32:00"));
        assertThat(eval("date_trunc", "MILLISECOND", source)).isEqualTo(micros("2015-03-05T09:32:05.359"));
        assertThat(eval("date_trunc", "WEEK", source)).isEqualTo(micros("2015-03-02T00:00:00"));
        assertThat(eval("date_trunc", "QUARTER", source)).isEqualTo(micros("2015-01-01T00:00:00"));
        assertThat(eval("date_trunc", "bogus", source)).isNull();
        assertThat(evalIn(TOKYO, "date_trunc", "DAY", ts("2015-03-05T20:00:00")))
                .isEqualTo(micros("2015-03-05T15:00:00"));
        assertThat(eval("trunc", date("2019-08-04"), "week")).isEqualTo(days("2019-07-29"));
        assertThat(eval("trunc", date("2019-08-04"), "mm")).isEqualTo(days("2019-08-01"));
        assertThat(eval("trunc", date("2019-08-04"), "yyyy")).isEqualTo(days("2019-01-01"));
        assertThat(eval("trunc", date("2019-08-04"), "quarter")).isEqualTo(days("2019-07-01"));
        assertThat(eval("trunc", date("2019-08-04"), "dd")).isNull();
    }

    @Test
    void makingDatesAndTimestamps() {
        assertThat(eval("make_date", 2013, 7, 15)).isEqualTo(days("2013-07-15"));
        assertThat(eval("make_date", 2024, 2, 29)).isEqualTo(days("2024-02-29"));
        assertThat(eval("make_date", 2019, 7, nul(DataTypes.IntegerType))).isNull();
        assertThat(error(() -> eval("make_date", 2023, 2, 29)).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(evalIn(LENIENT, "make_date", 2019, 13, 1)).isNull();
        assertThat(eval("make_timestamp", 2014, 12, 28, 6, 30, dec("45.887")))
                .isEqualTo(micros("2014-12-28T06:30:45.887"));
        assertThat(eval("make_timestamp", 2019, 6, 30, 23, 59, 60)).isEqualTo(micros("2019-07-01T00:00:00"));
        assertThat(eval("make_timestamp", 2014, 12, 28, 6, 30, dec("45.887"), "CET"))
                .isEqualTo(micros("2014-12-28T05:30:45.887"));
        assertThat(error(() -> eval("make_timestamp", 2019, 6, 30, 23, 59, dec("60.5")))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void extractingFields() {
        Expression source = ts("2019-08-12T01:00:05.359");
        assertThat(eval("extract", "YEAR", source)).isEqualTo(2019);
        assertThat(eval("date_part", "quarter", source)).isEqualTo(3);
        assertThat(eval("extract", "MONTH", source)).isEqualTo(8);
        assertThat(eval("extract", "WEEK", source)).isEqualTo(33);
        assertThat(eval("extract", "DAY", source)).isEqualTo(12);
        assertThat(eval("extract", "DAYOFWEEK", source)).isEqualTo(2);
        assertThat(eval("extract", "DOW", date("2019-08-11"))).isEqualTo(1);
        assertThat(eval("extract", "DOW_ISO", date("2019-08-11"))).isEqualTo(7);
        assertThat(eval("extract", "DOY", date("2019-02-01"))).isEqualTo(32);
        assertThat(eval("extract", "HOUR", source)).isEqualTo(1);
        assertThat(eval("extract", "MINUTE", source)).isEqualTo(0);
        Expression second = call("extract", "SECOND", source);
        assertThat(second.dataType()).isEqualTo(new DecimalType(8, 6));
        assertThat(second.eval(InternalRow.EMPTY)).isEqualTo(dec("5.359000"));
        assertThat(eval("extract", "HOUR", date("2019-08-12"))).isEqualTo(0);
        assertThat(eval("extract", "YEAR", lit(14, DataTypes.YearMonthIntervalType)))
                .isEqualTo(1);
        assertThat(eval("extract", "MONTH", lit(14, DataTypes.YearMonthIntervalType)))
                .isEqualTo(2);
        long interval = DAY + 2 * HOUR + 3 * 60_000_000L + 4_500_000L;
        assertThat(eval("extract", "DAY", lit(interval, DataTypes.DayTimeIntervalType)))
                .isEqualTo(1);
        assertThat(eval("extract", "HOUR", lit(interval, DataTypes.DayTimeIntervalType)))
                .isEqualTo(2);
        assertThat(eval("extract", "MINUTE", lit(interval, DataTypes.DayTimeIntervalType)))
                .isEqualTo(3);
        assertThat(eval("extract", "SECOND", lit(interval, DataTypes.DayTimeIntervalType)))
                .isEqualTo(dec("4.500000"));
        assertThat(error(() -> call("extract", "bogus", source)).errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH);
        assertThat(error(() -> call("extract", "HOUR", lit(14, DataTypes.YearMonthIntervalType)))
                        .errorClass())
                .isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }

    @Test
    void zoneConversions() {
        assertThat(eval("from_utc_timestamp", ts("2016-08-31T00:00:00"), "Asia/Seoul"))
                .isEqualTo(micros("2016-08-31T09:00:00"));
        assertThat(eval("to_utc_timestamp", ts("2016-08-31T00:00:00"), "Asia/Seoul"))
                .isEqualTo(micros("2016-08-30T15:00:00"));
        assertThat(eval("from_utc_timestamp", "2016-08-31", "+02:00")).isEqualTo(micros("2016-08-31T02:00:00"));
        assertThat(error(() -> call("from_utc_timestamp", ts("2016-08-31T00:00:00"), "Mars/Base"))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void intervalArithmeticHelpers() {
        assertThat(eval("date_add_interval", date("2024-01-31"), lit(1, DataTypes.YearMonthIntervalType)))
                .isEqualTo(days("2024-02-29"));
        assertThat(eval("date_add_interval", date("2024-03-31"), lit(-13, DataTypes.YearMonthIntervalType)))
                .isEqualTo(days("2023-02-28"));
        assertThat(eval("timestamp_add_interval", ts("2024-01-31T10:00:00"), lit(1, DataTypes.YearMonthIntervalType)))
                .isEqualTo(micros("2024-02-29T10:00:00"));
        Expression plusDay =
                call("timestamp_add_interval", ts("2024-02-28T10:00:00"), lit(DAY, DataTypes.DayTimeIntervalType));
        assertThat(plusDay.dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(plusDay.eval(InternalRow.EMPTY)).isEqualTo(micros("2024-02-29T10:00:00"));
        Expression dateTime = call("date_add_interval", date("2024-02-28"), lit(-HOUR, DataTypes.DayTimeIntervalType));
        assertThat(dateTime.dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(dateTime.eval(InternalRow.EMPTY)).isEqualTo(micros("2024-02-27T23:00:00"));
        assertThat(eval("timestamp_diff_interval", ts("2024-01-02T01:00:00"), ts("2024-01-01T00:00:00")))
                .isEqualTo(DAY + HOUR);
        assertThat(eval("date_diff_interval", date("2024-03-01"), date("2024-02-28")))
                .isEqualTo(2 * DAY);
        assertThat(error(() -> call("date_add_interval", date("2024-01-31"), 1)).errorClass())
                .isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }

    @Test
    void currentTimeIsNotFolded() {
        Expression today = call("current_date");
        assertThat(today.dataType()).isEqualTo(DataTypes.DateType);
        assertThat(today.foldable()).isFalse();
        long day = (Integer) today.eval(InternalRow.EMPTY);
        assertThat(day)
                .isBetween(
                        LocalDate.now(ZoneOffset.UTC).toEpochDay() - 1,
                        LocalDate.now(ZoneOffset.UTC).toEpochDay() + 1);
        assertThat(call("now").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(call("localtimestamp").dataType()).isEqualTo(DataTypes.TimestampNTZType);
        assertThat(evalIn(TOKYO, "current_timezone")).isEqualTo("Asia/Tokyo");
        assertThat(error(() -> call("current_date", 1)).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ROUTINE);
    }
}
