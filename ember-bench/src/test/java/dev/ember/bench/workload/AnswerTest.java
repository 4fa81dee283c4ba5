package dev.ember.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerTest {
    @Test
    void encodesEveryKindAndDecodesItBack() {
        Answer answer = Answer.of(List.of(
                new Object[] {
                    1, 2L, 1.5, new BigDecimal("12.30"), java.sql.Date.valueOf("1998-09-02"), "a\tb\nc\\d", null
                },
                new Object[] {(short) 3, -4L, -0.0, new BigDecimal("-1"), LocalDate.of(1970, 1, 1), "", null}));
        Answer decoded = Answer.decode(answer.encode());
        assertThat(decoded.size()).isEqualTo(2);
        assertThat(decoded.encode()).isEqualTo(answer.encode());
        assertThat(answer.differences(decoded, true, 10)).isEmpty();
    }

    @Test
    void decimalsAgreeWithDoublesWithinHalfALastDigit() {
        Answer decimal = Answer.of(List.<Object[]>of(new Object[] {new BigDecimal("38273.13")}));
        Answer close = Answer.of(List.<Object[]>of(new Object[] {38273.129999}));
        Answer far = Answer.of(List.<Object[]>of(new Object[] {38273.14}));
        assertThat(decimal.differences(close, true, 10)).isEmpty();
        assertThat(decimal.differences(far, true, 10))
                .singleElement()
                .asString()
                .contains("row 0 column 1");
    }

    @Test
    void orderMattersOnlyForOrderedAnswers() {
        Answer ab = Answer.of(List.of(new Object[] {"a", 1L}, new Object[] {"b", 2L}));
        Answer ba = Answer.of(List.of(new Object[] {"b", 2L}, new Object[] {"a", 1L}));
        assertThat(ab.differences(ba, false, 10)).isEmpty();
        assertThat(ab.differences(ba, true, 10)).isNotEmpty();
    }

    @Test
    void reportsMissingRowsAndWrongValues() {
        Answer two = Answer.of(List.of(new Object[] {1L}, new Object[] {2L}));
        Answer one = Answer.of(List.<Object[]>of(new Object[] {1L}));
        assertThat(two.differences(one, false, 10)).containsExactly("row count 1, expected 2");
        Answer wrong = Answer.of(List.of(new Object[] {1L}, new Object[] {3L}));
        assertThat(two.differences(wrong, false, 10)).hasSize(1);
        Answer nulls = Answer.of(List.of(new Object[] {1L}, new Object[] {null}));
        assertThat(two.differences(nulls, false, 10)).isNotEmpty();
    }

    @Test
    void refusesValuesWithoutAKind() {
        assertThatThrownBy(() -> Answer.decode("l:1\tx\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1");
    }

    @Test
    void queriesAreReadWithoutCommentsAndKnowTheirOrder() {
        String q1 = Tpch.query(1);
        assertThat(q1).startsWith("select").doesNotContain("--").doesNotEndWith(";");
        assertThat(Tpch.ordered(q1)).isTrue();
        assertThat(Tpch.ordered(Tpch.query(6))).isFalse();
        assertThatThrownBy(() -> Tpch.query(23)).hasMessageContaining("1 to 22");
    }
}
