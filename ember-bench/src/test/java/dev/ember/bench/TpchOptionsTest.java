package dev.ember.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TpchOptionsTest {
    @Test
    void readsNumbersAndRanges() {
        assertThat(TpchOptions.queries("1-3,6, 14")).containsExactly(1, 2, 3, 6, 14);
        assertThat(TpchOptions.queries("1-22")).hasSize(22);
        assertThat(TpchOptions.queries("6,6")).isEqualTo(List.of(6));
    }

    @Test
    void refusesWhatIsNotAQuery() {
        assertThatThrownBy(() -> TpchOptions.queries("0")).hasMessageContaining("1 to 22");
        assertThatThrownBy(() -> TpchOptions.queries("5-2")).hasMessageContaining("1 to 22");
        assertThatThrownBy(() -> TpchOptions.queries("q1")).hasMessageContaining("'q1'");
    }

    @Test
    void tablesAreThoseTheQueriesName() {
        assertThat(TpchBench.tablesOf(List.of(1, 6))).containsExactly("lineitem");
        assertThat(TpchBench.tablesOf(List.of(1, 6))).doesNotContain("orders");
        assertThat(TpchBench.tablesOf(List.of(2))).contains("part", "partsupp", "supplier", "nation", "region");
    }

    @Test
    void scaleFactorsAreSpelledPlainly() {
        assertThat(Suite.scale(1)).isEqualTo("1");
        assertThat(Suite.scale(0.1)).isEqualTo("0.1");
        assertThat(Suite.scale(10.0)).isEqualTo("10");
    }
}
