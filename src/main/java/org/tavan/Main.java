package org.tavan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.tavan.config.ConfigException;
import org.tavan.config.ConfigLoader;
import org.tavan.config.TavanConfig;
import org.tavan.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar tavan.jar <command>}: the entry point for operators. */
@Command(name = "tavan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Tavan: production, quality, rig telemetry, allocation and distribution of assistive devices.",
        subcommands = {Main.Serve.class, Main.Backup.class, org.tavan.simulators.SimulateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(code);
        }
    }

    /** The command line with its error handling: operator mistakes print one line and exit 2. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException || e instanceof IllegalStateException
                            || e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException) {
                        cmd.getErr().println("tavan: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tavan " + App.version()};
        }
    }

    /** Shared by every command that reads the configuration. */
    static final class ConfigOption {
        @Option(names = "--config", paramLabel = "FILE",
                description = "Properties file with settings (default: $TAVAN_CONFIG, else ./tavan.properties if present). "
                        + "Environment variables TAVAN_* override it.")
        Path file;

        TavanConfig load() {
            Optional<Path> chosen = Optional.ofNullable(file)
                    .or(() -> Optional.ofNullable(System.getenv("TAVAN_CONFIG")).map(Path::of))
                    .or(() -> Optional.of(Path.of("tavan.properties")).filter(Files::isRegularFile));
            return ConfigLoader.load(chosen, System.getenv());
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the service: web UI, HTTP API, MQTT and serial ingest (and the embedded broker unless TAVAN_MQTT_URL is set).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config;

        @Option(names = "--demo", description = "On a new database, create a demo workshop and print its users' passwords.")
        boolean demo;

        @Override
        public Integer call() throws InterruptedException {
            TavanConfig cfg = config.load();
            App app = new App(cfg).withDemoData(demo).start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "tavan-shutdown"));
            app.startupNotes().forEach(System.out::println);
            System.out.println("Tavan is running: http://localhost:" + app.httpPort() + "/");
            stopped.await();
            return 0;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a consistent copy of the SQLite database to FILE while Tavan keeps running.")
    static final class Backup implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config;

        @Parameters(paramLabel = "FILE", description = "New file to write (must not exist)")
        Path target;

        @Override
        public Integer call() {
            TavanConfig cfg = config.load();
            try (Database db = Database.open(cfg.db(), null)) {
                db.backupTo(target);
            }
            System.out.println("Backup written to " + target.toAbsolutePath());
            return 0;
        }
    }
}
