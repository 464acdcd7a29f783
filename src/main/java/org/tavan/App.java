package org.tavan;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.admin.AdminPages;
import org.tavan.admin.AuditPages;
import org.tavan.admin.AuditRoutes;
import org.tavan.admin.SettingsRoutes;
import org.tavan.admin.UserRoutes;
import org.tavan.allocation.AllocationDemo;
import org.tavan.allocation.AllocationRoutes;
import org.tavan.allocation.Allocations;
import org.tavan.allocation.Matcher;
import org.tavan.allocation.Policy;
import org.tavan.allocation.ProposalPages;
import org.tavan.allocation.FairnessPages;
import org.tavan.allocation.WaitingList;
import org.tavan.allocation.WaitingListPages;
import org.tavan.allocation.ReleasedUnits;
import org.tavan.audit.AuditLog;
import org.tavan.auth.FirstAdmin;
import org.tavan.auth.Sessions;
import org.tavan.auth.UserScopes;
import org.tavan.auth.Users;
import org.tavan.catalog.Catalog;
import org.tavan.catalog.CatalogRoutes;
import org.tavan.catalog.CatalogSeed;
import org.tavan.beneficiaries.BeneficiaryDemo;
import org.tavan.beneficiaries.BeneficiaryRoutes;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.CsvImport;
import org.tavan.beneficiaries.NationalIds;
import org.tavan.config.TavanConfig;
import org.tavan.distribution.Distribution;
import org.tavan.distribution.DistributionRoutes;
import org.tavan.distribution.PersonPages;
import org.tavan.distribution.ServiceCasePages;
import org.tavan.demo.DemoData;
import org.tavan.settings.OrganisationDemo;
import org.tavan.inventory.InventoryRoutes;
import org.tavan.home.HomeNoticePages;
import org.tavan.inventory.InventorySeed;
import org.tavan.inventory.ShipmentPages;
import org.tavan.inventory.StockPages;
import org.tavan.inventory.Shipments;
import org.tavan.inventory.Stock;
import org.tavan.production.FloorPages;
import org.tavan.production.FloorQueue;
import org.tavan.offline.QueuedActions;
import org.tavan.production.Production;
import org.tavan.production.ProductionRoutes;
import org.tavan.production.ProductionSeed;
import org.tavan.quality.Nonconformances;
import org.tavan.quality.QualityReports;
import org.tavan.quality.QualityRoutes;
import org.tavan.quality.LiveTestPages;
import org.tavan.quality.QualitySeed;
import org.tavan.quality.RegisteredRigData;
import org.tavan.quality.Releases;
import org.tavan.quality.TestSessions;
import org.tavan.rigs.RigActivity;
import org.tavan.rigs.RigDemo;
import org.tavan.rigs.RigFormPages;
import org.tavan.rigs.RigLinks;
import org.tavan.rigs.RigRoutes;
import org.tavan.rigs.RigPages;
import org.tavan.rigs.Rigs;
import org.tavan.settings.OrganisationSettings;
import org.tavan.storage.Database;
import org.tavan.telemetry.ingest.IngestProfile;
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.ingest.IngestWriter;
import org.tavan.telemetry.ingest.LiveReadings;
import org.tavan.telemetry.ingest.ReadingRoutes;
import org.tavan.telemetry.ingest.ReadingStore;
import org.tavan.telemetry.ingest.Retention;
import org.tavan.telemetry.ingest.RigDirectory;
import org.tavan.telemetry.ingest.IngestSource;
import org.tavan.telemetry.ingest.IngestWatch;
import org.tavan.telemetry.ingest.TopicFrames;
import org.tavan.telemetry.mqtt.EmbeddedBroker;
import org.tavan.telemetry.mqtt.MqttConnection;
import org.tavan.telemetry.mqtt.RigBrokerGate;
import org.tavan.telemetry.profile.ProfileCatalog;
import org.tavan.telemetry.queue.BrokerAuthRoutes;
import org.tavan.telemetry.serial.SerialIngest;
import org.tavan.web.AuthRoutes;
import org.tavan.web.HealthRoutes;
import org.tavan.web.TrustedProxies;
import org.tavan.web.Routes;
import org.tavan.web.WebServer;
import org.tavan.web.ui.Language;
import org.tavan.web.ui.Messages;
import org.tavan.web.ui.Pages;
import org.tavan.web.ui.UiRoutes;

/**
 * The composition root: config → storage → features → web and ingest. A test builds it
 * with its own config ({@code new App(config).start()}) and gets the real thing.
 */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);
    public static final String SERVICE_MQTT_USER = "tavan-service";

    private final TavanConfig config;
    private final Clock clock;
    private final ObjectMapper json = Json.mapper();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Consumer<Routes>> extraRoutes = new ArrayList<>();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<IngestProfile> extraProfiles = new ArrayList<>();
    private boolean demo;
    private List<String> startupNotes = List.of();

    private Database database;
    private EmbeddedBroker broker;
    private MqttConnection mqtt;
    private IngestSource ingestSource;
    private WebServer web;
    private int httpPort;
    private Users users;
    private Rigs rigs;
    private ReadingStore readings;

    public App(TavanConfig config) {
        this(config, Clock.systemUTC());
    }

    public App(TavanConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Plant the demo workshop if the database is new. */
    public App withDemoData(boolean demo) {
        this.demo = demo;
        return this;
    }

    /** Extra routes, for tests that need to prove something about the route table. */
    public App withRoutes(Consumer<Routes> routes) {
        extraRoutes.add(routes);
        return this;
    }

    /** Rig profiles besides those in profiles.dir, for tests that bring their own decoder. */
    public App withIngestProfiles(List<IngestProfile> profiles) {
        extraProfiles.addAll(profiles);
        return this;
    }

    public App start() {
        try {
            startAll();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);

        database = Database.open(config.db(), metrics);
        started.add(database);
        database.migrate();
        log.info("Database {} ({}) migrated", database.url(), database.dialect());

        AuditLog audit = new AuditLog(json, clock);
        users = new Users(database, audit, clock);
        Sessions sessions = new Sessions(database, users, audit, clock, config.sessionLifetime());
        OrganisationSettings settings = new OrganisationSettings(database, audit, clock);
        Stock stock = new Stock(database, audit, clock);
        Shipments shipments = new Shipments(database, stock, audit, clock);
        Catalog catalog = new Catalog(database, stock, audit, json, clock);
        Production production = new Production(database, catalog, stock, audit, clock);
        QueuedActions queuedActions = new QueuedActions(database, audit, json, clock);
        FloorQueue floorQueue = new FloorQueue(production, queuedActions);

        IngestProfiles profiles = new IngestProfiles(loadProfiles());
        RigLinks rigLinks = new RigLinks();
        rigs = new Rigs(database, audit, clock, profiles::kind, config.ingest().heartbeatTimeout(), rigLinks);
        RigDirectory rigDirectory = new RigDirectory(rigs);
        readings = new ReadingStore(database, json);
        RegisteredRigData rigReadings = new RegisteredRigData(rigs, readings);
        TestSessions testSessions = new TestSessions(database, production, catalog, rigReadings, audit,
                json, clock);
        LiveReadings liveReadings = new LiveReadings(json);
        started.add(liveReadings);
        IngestWriter ingestWriter = new IngestWriter(database, readings, new RigActivity(database), liveReadings, metrics,
                20_000);
        ingestWriter.start();
        NationalIds nationalIds = NationalIds.fromConfig(config);
        Beneficiaries beneficiaries = new Beneficiaries(database, audit, clock, nationalIds);
        CsvImport beneficiaryImport = new CsvImport(database, beneficiaries, audit);
        ReleasedUnits releasedUnits = new ReleasedUnits(stock, catalog);
        Allocations allocations = new Allocations(database, audit, clock, new Matcher(Policy.current()), beneficiaries,
                releasedUnits);
        Distribution distribution = new Distribution(database, audit, clock, allocations, beneficiaries, releasedUnits,
                stock, shipments, rigReadings);

        // Instances starting together on a new database would each see it empty and each plant
        // an admin; under the lock the first plants, the others find it done.
        List<String> notes = database.exclusively("first-start", () -> firstStart(beneficiaries, settings, catalog,
                stock, production, testSessions, profiles, allocations));

        TopicFrames topicFrames = new TopicFrames(profiles, rigDirectory, ingestWriter);
        RigMessages messages = RigMessages.start(config, profiles, rigDirectory, rigs, topicFrames, clock, database,
                started);
        broker = messages.broker();
        mqtt = messages.mqtt();
        ingestSource = messages.source();
        // Closed before the broker connection (close runs in reverse): the batch being committed
        // is acknowledged before the session goes, instead of coming back as duplicates.
        started.add(ingestWriter);
        IngestWatch watch = new IngestWatch(ingestWriter, ingestSource, config.ingest().stallAfter(), metrics).start();
        started.add(watch);
        if (!config.ingest().serialPorts().isEmpty()) {
            SerialIngest serial = new SerialIngest(config.ingest().serialPorts(), profiles, rigDirectory, rigLinks,
                    ingestWriter, clock);
            started.add(serial);
            serial.start();
        }
        if (config.ingest().retentionDays() > 0) {
            Retention retention = new Retention(database, clock,
                    java.time.Duration.ofDays(config.ingest().retentionDays()));
            started.add(retention);
            retention.start();
        }

        Routes routes = new Routes();
        UserScopes userScopes = new UserScopes(database, audit, clock);
        HealthRoutes health = new HealthRoutes(database, ingestSource, watch, broker != null);
        health.addTo(routes);
        new AuthRoutes(sessions, users).addTo(routes);
        new UserRoutes(users, userScopes).addTo(routes);
        new AuditRoutes(audit, database).addTo(routes);
        new SettingsRoutes(settings).addTo(routes);
        new InventoryRoutes(stock, shipments).addTo(routes);
        new CatalogRoutes(catalog).addTo(routes);
        new ProductionRoutes(production, catalog, floorQueue).addTo(routes);
        new QualityRoutes(testSessions, new Releases(database, production, catalog, stock, audit),
                new Nonconformances(database, production, audit, clock), new QualityReports(database, production),
                clock).addTo(routes);
        new RigRoutes(rigs).addTo(routes);
        new ReadingRoutes(rigs, readings, liveReadings).addTo(routes);
        config.ingest().queue().filter(q -> !q.authNodes().isEmpty()).ifPresent(q -> new BrokerAuthRoutes(
                new RigBrokerGate(rigs, rigDirectory, profiles), java.util.Set.copyOf(q.authNodes())).addTo(routes));
        Pages pages = new Pages(new Messages(), settings, sessions, Language.parse(config.uiLanguage(), Language.FA),
                ZoneId.systemDefault(), clock, routes);
        new UiRoutes(pages, sessions, users).addTo(routes);
        new AdminPages(pages, users, userScopes, settings, health::check).addTo(routes);
        new AuditPages(pages, audit, database).addTo(routes);
        new FloorPages(production, floorQueue, pages).addTo(routes);
        new BeneficiaryRoutes(beneficiaries, beneficiaryImport).addTo(routes);
        new AllocationRoutes(allocations, releasedUnits).addTo(routes);
        new DistributionRoutes(distribution).addTo(routes);
        new ProposalPages(pages, allocations).addTo(routes);
        new WaitingListPages(pages, new WaitingList(beneficiaries, allocations), allocations.policy()).addTo(routes);
        new PersonPages(pages, beneficiaries, distribution).addTo(routes);
        new ServiceCasePages(pages, distribution, beneficiaries, database).addTo(routes);
        new RigPages(rigs, pages).addTo(routes);
        new RigFormPages(rigs, pages, () -> profiles.all().stream().map(IngestProfile::id).sorted().toList()).addTo(routes);
        new HomeNoticePages(rigs, stock, allocations, distribution, clock).addTo(pages.notices());
        new ShipmentPages(shipments, stock, pages).addTo(routes);
        new StockPages(stock, shipments, pages).addTo(routes);
        new FairnessPages(allocations, pages).addTo(routes);
        new LiveTestPages(rigs, testSessions, pages).addTo(routes);
        extraRoutes.forEach(extra -> extra.accept(routes));

        web = new WebServer(routes, sessions, json, metrics, version(), new TrustedProxies(config.http().trustedProxies()));
        httpPort = web.start(config.http().host(), config.http().port());
        started.add(web::stop);
        startupNotes = List.copyOf(notes);
    }

    /** What only the first instance on a new database does; returns the notes for its operator. */
    private List<String> firstStart(Beneficiaries beneficiaries, OrganisationSettings settings, Catalog catalog,
                                    Stock stock, Production production, TestSessions testSessions,
                                    IngestProfiles profiles, Allocations allocations) {
        beneficiaries.verifyKey();
        boolean newDatabase = users.none();
        Optional<String> adminPassword = FirstAdmin.createIfNone(users, config.adminPassword(),
                demo ? DemoData.demoAdminPassword() : null);
        List<String> notes = new ArrayList<>();
        if (newDatabase && demo) {
            DemoData demoData = new DemoData(users);
            demoData.add(new OrganisationDemo(settings));
            demoData.add(new CatalogSeed(catalog, json));
            demoData.add(new InventorySeed(stock, database));
            demoData.add(new ProductionSeed(production, InventorySeed.WORKSHOP));
            demoData.add(new QualitySeed(production, testSessions));
            demoData.add(new RigDemo(rigs, id -> profiles.byId(id).isPresent(), clock));
            demoData.add(new BeneficiaryDemo(beneficiaries));
            demoData.add(new AllocationDemo(stock, catalog, database, allocations, InventorySeed.WORKSHOP));
            notes.addAll(demoData.plant(adminPassword.orElseThrow()));
        } else if (adminPassword.isPresent()) {
            notes.add("New database: sign in as 'admin' with password " + (config.adminPassword().isPresent()
                    ? "from TAVAN_ADMIN_PASSWORD" : adminPassword.get() + " (change it after signing in)"));
        }
        return notes;
    }

    public int httpPort() {
        return httpPort;
    }

    public Optional<Integer> embeddedBrokerPort() {
        return Optional.ofNullable(broker).map(EmbeddedBroker::port);
    }

    /** This instance's meters, as /metrics shows them. */
    public io.micrometer.core.instrument.MeterRegistry metrics() {
        return metrics;
    }

    public Database database() {
        return database;
    }

    public Users users() {
        return users;
    }

    public Rigs rigs() {
        return rigs;
    }

    public ReadingStore readings() {
        return readings;
    }

    /** Profiles from profiles.dir plus any added for tests; an invalid file is logged and left out. */
    private List<IngestProfile> loadProfiles() {
        ProfileCatalog catalog = ProfileCatalog.load(config.profilesDir());
        catalog.problems().forEach(problem -> log.warn("Firmware profile refused: {}", problem));
        List<IngestProfile> all = new ArrayList<>();
        catalog.profiles().forEach(profile -> all.add(IngestProfile.of(profile)));
        all.addAll(extraProfiles);
        log.info("Firmware profiles loaded from {}: {}", config.profilesDir(), all.stream().map(IngestProfile::id).toList());
        return all;
    }

    public MqttConnection mqtt() {
        return mqtt;
    }

    /** What the operator must be told after start-up (demo credentials, a generated admin password). */
    public List<String> startupNotes() {
        return startupNotes;
    }

    public static String version() {
        String v = App.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", started.get(i), e.toString());
            }
        }
        started.clear();
    }
}
