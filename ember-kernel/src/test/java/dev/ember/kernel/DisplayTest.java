package dev.ember.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DisplayTest {
    record City(String name, int population) {}

    @Test
    void pairsAndMapsAreTwoColumnTables() {
        String pairs = Display.table(List.of(new Pair<>("a<b>", 1), new Pair<>("c", 2)), 100);
        assertThat(pairs)
                .contains("<th>key</th><th>value</th>", "<td>a&lt;b&gt;</td><td>1</td>", "<td>c</td><td>2</td>")
                .contains("2 rows");
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("x", 10);
        assertThat(Display.table(map, 100)).contains("<td>x</td><td>10</td>", "1 row");
    }

    @Test
    void recordsGetAColumnPerComponent() {
        String table = Display.table(List.of(new City("Lyon", 522_000), new City("Nice", 342_000)), 100);
        assertThat(table).contains("<th>name</th><th>population</th>", "<td>Lyon</td><td>522000</td>");
    }

    @Test
    void rowsAreCappedAndSaySo() {
        String table = Display.table(IntStream.range(0, 500).boxed().toList(), 100);
        assertThat(table).contains("<th>value</th>", "showing 100 of 500 rows");
        assertThat(table.split("<tr>", -1)).hasSize(1 + 1 + 100);
        assertThat(Display.table(new int[] {3, 4}, 100)).contains("<td>3</td>", "<td>4</td>");
    }

    @Test
    void otherValuesHaveNoRichForm() {
        assertThat(Display.table("just text", 100)).isNull();
        assertThat(Display.render(42)).isEmpty();
        assertThat(Display.decode(Display.bundle(List.of(1)))).containsKey("text/html");
        assertThat(Display.decode("not base64!")).isEmpty();
    }
}
