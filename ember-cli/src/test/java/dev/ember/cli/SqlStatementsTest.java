package dev.ember.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.kernel.SqlStatements;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {
    @Test
    void splitsAtSemicolonsAndDropsEmptyStatements() {
        assertThat(SqlStatements.all("SELECT 1; SELECT 2 ;;\n  SELECT 3"))
                .containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
        assertThat(SqlStatements.all("  ;\n ; ")).isEmpty();
    }

    @Test
    void semicolonsInStringsQuotedIdentifiersAndCommentsDoNotSplit() {
        assertThat(SqlStatements.all("SELECT 'a;b', \"c;d\", `e;f` FROM t; SELECT 2"))
                .containsExactly("SELECT 'a;b', \"c;d\", `e;f` FROM t", "SELECT 2");
        assertThat(SqlStatements.all("SELECT 'it''s; here', 'back\\'slash;' AS x; SELECT 2"))
                .containsExactly("SELECT 'it''s; here', 'back\\'slash;' AS x", "SELECT 2");
        assertThat(SqlStatements.all("SELECT 1 -- a comment; still a comment\n+ 1; SELECT /* ; */ 2"))
                .containsExactly("SELECT 1 -- a comment; still a comment\n+ 1", "SELECT /* ; */ 2");
    }

    @Test
    void commentsAloneAreNoStatement() {
        assertThat(SqlStatements.all("SELECT 1; -- the end\n/* really */")).containsExactly("SELECT 1");
        assertThat(SqlStatements.isBlank(" -- x\n /* y */ ")).isTrue();
        assertThat(SqlStatements.isBlank("/* not closed")).isFalse();
    }

    @Test
    void whatNoSemicolonEndsYetIsTheRest() {
        SqlStatements.Split split = SqlStatements.split("SELECT 1; SELECT 'open;\n");
        assertThat(split.statements()).containsExactly("SELECT 1");
        assertThat(split.rest()).isEqualTo(" SELECT 'open;\n");
        assertThat(split.hasRest()).isTrue();
        assertThat(SqlStatements.split("SELECT 1;\n").hasRest()).isFalse();
    }
}
