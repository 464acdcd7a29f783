package org.tavan;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void help_lists_the_subcommands() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("serve").contains("backup");
    }

    @Test
    void an_invalid_setting_stops_serve_with_a_message_naming_the_key() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"), "http.port=not-a-port\n");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("serve", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("http.port").contains("TAVAN_HTTP_PORT").contains("0-65535");
    }

    @Test
    void backup_of_a_postgresql_database_points_to_pg_dump() throws Exception {
        Path config = Files.writeString(dir.resolve("pg.properties"),
                "db.url=jdbc:postgresql://127.0.0.1:5432/test\ndb.user=postgres\n");
        org.tavan.testing.Services.requirePostgres();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("backup", "--config", config.toString(), dir.resolve("x.db").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("pg_dump");
    }
}
