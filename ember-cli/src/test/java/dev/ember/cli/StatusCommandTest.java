package dev.ember.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.deploy.DeployMessages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code bin/ember status} prints from a master's state, whatever users named their applications. */
class StatusCommandTest {
    private static final String ESC = "\u001b";

    @Test
    void controlAndFormattingCharactersArePrintedAsVisibleEscapes() {
        assertThat(TerminalText.printable(ESC + "[2Jwiped")).isEqualTo("\\u001b[2Jwiped");
        assertThat(TerminalText.printable("\u009b31mred")).isEqualTo("\\u009b31mred");
        assertThat(TerminalText.printable("a\rb\nc\td\u007f")).isEqualTo("a\\u000db\\u000ac\\u0009d\\u007f");
        assertThat(TerminalText.printable("abc\u202Etxt.exe\u200B")).isEqualTo("abc\\u202etxt.exe\\u200b");
        assertThat(TerminalText.printable("x\u2028y")).isEqualTo("x\\u2028y");
        assertThat(TerminalText.printable("lone \ud800 surrogate")).isEqualTo("lone \\ud800 surrogate");
        assertThat(TerminalText.printable("tag \uDB40\uDC01")).isEqualTo("tag \\U000e0001");
        assertThat(TerminalText.printable(null)).isEqualTo("-");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        for (String text : List.of("", "app-20240101-0001", "ünïcødé ✓ 日本語 😀", "C:\\path with spaces")) {
            assertThat(TerminalText.printable(text)).isSameAs(text);
        }
    }

    @Test
    void statusEscapesWhatTheMasterReports() {
        DeployMessages.MasterState state = new DeployMessages.MasterState(
                "ember://h:1" + ESC + "]0;owned" + "\u0007",
                List.of(new DeployMessages.WorkerSummary("worker-1" + ESC + "[1A", "h:2\r", "ALIVE", 4, 1, 1024, 512)),
                List.of(new DeployMessages.AppSummary(
                        "app-1", "evil" + ESC + "[2J\u009b1;1H\nFAKE LINE", "RUNNING", 1, List.of(0), null)),
                List.of(new DeployMessages.DriverSummary(
                        "driver-1", "com.example.Main" + ESC + "[8m", "RUNNING", null, true, 1)));
        StringWriter text = new StringWriter();
        StatusCommand.print(state, new PrintWriter(text));
        String printed = text.toString();

        assertThat(printed)
                .contains("ember://h:1\\u001b]0;owned\\u0007")
                .contains("worker-1\\u001b[1A", "h:2\\u000d")
                .contains("evil\\u001b[2J\\u009b1;1H\\u000aFAKE LINE")
                .contains("com.example.Main\\u001b[8m");
        assertThat(printed.chars().filter(c -> c != '\n' && Character.isISOControl(c)))
                .as("no control character but the line ends")
                .isEmpty();
        assertThat(printed.lines().filter(line -> line.startsWith("FAKE LINE")))
                .as("a name cannot start a line of its own")
                .isEmpty();
        assertThat(printed.lines().count())
                .as("master, blank, worker header and row, blank, app header and row, blank, driver header and row")
                .isEqualTo(10);
    }
}
