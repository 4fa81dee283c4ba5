package dev.ember.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SizesAndDurationsTest {
    @Test
    void parsesSizesWithAndWithoutUnits() {
        assertThat(ByteSizes.parse("512m", ByteSizes.Unit.BYTE)).isEqualTo(512L << 20);
        assertThat(ByteSizes.parse("2G", ByteSizes.Unit.BYTE)).isEqualTo(2L << 30);
        assertThat(ByteSizes.parse(" 64 kb ", ByteSizes.Unit.BYTE)).isEqualTo(64L << 10);
        assertThat(ByteSizes.parse("3", ByteSizes.Unit.MIB)).isEqualTo(3L << 20);
        assertThat(ByteSizes.parse("10b", ByteSizes.Unit.GIB)).isEqualTo(10);
        assertThatThrownBy(() -> ByteSizes.parse("lots", ByteSizes.Unit.BYTE))
                .hasMessageContaining("'lots' is not a size");
        assertThatThrownBy(() -> ByteSizes.parse("5x", ByteSizes.Unit.BYTE))
                .hasMessageContaining("unknown size unit 'x'");
        assertThatThrownBy(() -> ByteSizes.parse("99999999999t", ByteSizes.Unit.BYTE))
                .hasMessageContaining("too large");
    }

    @Test
    void formatsSizes() {
        assertThat(ByteSizes.format(100)).isEqualTo("100 B");
        assertThat(ByteSizes.format(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSizes.format(3L << 30)).isEqualTo("3.0 GiB");
    }

    @Test
    void parsesAndFormatsDurations() {
        assertThat(Durations.parse("100ms", TimeUnit.SECONDS)).isEqualTo(Duration.ofMillis(100));
        assertThat(Durations.parse("3s", TimeUnit.MILLISECONDS)).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.parse("5min", TimeUnit.MILLISECONDS)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2h", TimeUnit.MILLISECONDS)).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("7", TimeUnit.SECONDS)).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> Durations.parse("soon", TimeUnit.SECONDS)).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("3 weeks", TimeUnit.SECONDS))
                .hasMessageContaining("unknown time unit");
        assertThat(Durations.format(850)).isEqualTo("850 ms");
        assertThat(Durations.format(3200)).isEqualTo("3.2 s");
    }
}
