package dev.innograph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community 5.26 LTS embedded in this JVM and exposes it over Bolt, so that
 * Innograph (Node, neo4j-driver) can talk to it without Docker or a Neo4j server install.
 *
 * <p>Usage: {@code java -cp ... dev.innograph.Neo4jLauncher <dataDir> [port]}
 *
 * <ul>
 *   <li>{@code dataDir} is used as Neo4j home: store files go to {@code dataDir/databases} and
 *       {@code dataDir/transactions}, Neo4j's own {@code debug.log} to {@code dataDir/logs}.</li>
 *   <li>Bolt listens on 127.0.0.1:{@code port} (default 7687), unencrypted. HTTP/HTTPS are off.</li>
 *   <li><b>Authentication is DISABLED</b> ({@code dbms.security.auth_enabled=false}). This is
 *       acceptable only because the connector is bound to the loopback interface, i.e. only
 *       processes on this machine can connect. Do not change the listen address to a
 *       non-loopback interface without enabling auth.</li>
 * </ul>
 *
 * <p>Resource limits (set by neo4j.sh through system properties, each with a default here): page cache
 * ({@code innograph.pagecache}), the memory of one transaction and of all of them
 * ({@code innograph.txMemory}, {@code innograph.txMemoryTotal}), the transaction timeout
 * ({@code innograph.txTimeout}), and the LOAD CSV import directory ({@code innograph.importDir}); file
 * URLs in LOAD CSV are refused.
 *
 * <p>Prints exactly one line {@code BOLT READY bolt://127.0.0.1:<port>} to stdout once the default
 * database is available. Stops cleanly on SIGTERM/SIGINT via a shutdown hook. A watchdog halts the JVM
 * (exit 3) when the default database stays unavailable (e.g. after an internal error), so that the
 * supervisor in neo4j.sh restarts it.
 */
public final class Neo4jLauncher {

    private static final String HOST = "127.0.0.1";

    /** Set by the shutdown hook: the watchdog must not halt a database that is being stopped. */
    private static volatile boolean shuttingDown;

    private Neo4jLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Neo4jLauncher <dataDir> [boltPort]");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath().normalize();
        int port = args.length == 2 ? Integer.parseInt(args[1]) : 7687;

        long t0 = System.nanoTime();
        DatabaseManagementService managementService = new DatabaseManagementServiceBuilder(dataDir)
                // Layout: everything under dataDir.
                .setConfig(GraphDatabaseSettings.data_directory, dataDir)
                .setConfig(GraphDatabaseSettings.logs_directory, dataDir.resolve("logs"))
                // Bolt on loopback only, plain text; no HTTP(S).
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // No auth: safe only because Bolt is bound to 127.0.0.1 (see class javadoc).
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Modest memory footprint for a dev machine (JVM heap is set by neo4j.sh, -Xmx1g); the
                // page cache is 256 MiB unless neo4j.sh passes NEO4J_PAGECACHE (benches of large graphs).
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(System.getProperty("innograph.pagecache", "256m")))
                // What one query and all queries together may hold (tracked by Cypher's operators:
                // collect, sort, distinct, aggregations, ...); past it the query fails with
                // Neo.TransientError.General.MemoryPoolOutOfMemoryError instead of filling the heap.
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size,
                        ByteUnit.parse(System.getProperty("innograph.txMemoryTotal", "512m")))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size,
                        ByteUnit.parse(System.getProperty("innograph.txMemory", "256m")))
                // Upper bound of any transaction, also those that name no timeout of their own.
                .setConfig(GraphDatabaseSettings.transaction_timeout,
                        Duration.ofSeconds(Long.parseLong(System.getProperty("innograph.txTimeout", "120"))))
                // LOAD CSV: no file:/// URLs, and an import directory that neo4j.sh keeps empty.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root,
                        Path.of(System.getProperty("innograph.importDir", dataDir.resolve("import").toString()))
                                .toAbsolutePath().normalize())
                // Faster clean shutdown (each defaults to ~5 s of Bolt wind-down; data is
                // checkpointed before this point anyway).
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                // No usage-data reporting.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            try {
                System.out.println("Neo4j launcher: shutting down");
                managementService.shutdown();
                System.out.println("Neo4j launcher: stopped");
            } catch (Throwable t) {
                System.err.println("Neo4j launcher: error during shutdown: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(3).toMillis())) {
            System.err.println("Neo4j launcher: default database did not become available");
            System.exit(1);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("Neo4j " + neo4jVersion() + " started in " + ms + " ms, data in " + dataDir);
        System.out.println("BOLT READY bolt://" + HOST + ":" + port);
        System.out.flush();

        // Neo4j's own threads keep the JVM alive; block main until the shutdown hook ran, checking meanwhile
        // that the database stays available (a database that panicked never comes back by itself).
        int unavailable = 0;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            boolean up;
            try {
                up = db.isAvailable(Duration.ofSeconds(2).toMillis());
            } catch (Throwable t) {
                up = false;
            }
            unavailable = up ? 0 : unavailable + 1;
            if (unavailable >= WATCHDOG_CHECKS && !shuttingDown) {
                System.err.println("Neo4j launcher: the default database has been unavailable for "
                        + unavailable * 7 + " s; halting so that the supervisor restarts Neo4j");
                System.err.flush();
                Runtime.getRuntime().halt(3);
            }
        }
    }

    /** Consecutive failed availability checks (every ~7 s) before the watchdog halts the JVM. */
    private static final int WATCHDOG_CHECKS = 5;

    private static String neo4jVersion() {
        Package p = DatabaseManagementServiceBuilder.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "5.26" : v;
    }
}
