package pasar;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Runs mongo-java-server as a standalone process.
 *
 * Usage: MongoLauncher [--port N] [--host H] [--backend memory|h2] [--file PATH]
 *
 * Prints "MONGO_READY port=N" on stdout once listening; everything else goes to stderr
 * so the parent can parse stdout without noise.
 */
public final class MongoLauncher {

    /**
     * mongo-java-server's own newest ServerVersion is 5.0 (wire 13). The Node driver 7 only
     * needs >= 9, but callers expect a modern server, and wire 21 (7.0) is the highest that
     * does not switch the driver onto protocols this server lacks (8.2+/wire 27 = rawData).
     */
    private static final MongoVersion ADVERTISED = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(7, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 21;
        }
    };

    public static void main(String[] args) {
        int port = 0;
        String host = "127.0.0.1";
        String backendName = "memory";
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(args[i], value));
                case "--host" -> host = require(args[i], value);
                case "--backend" -> backendName = require(args[i], value);
                case "--file" -> file = require(args[i], value);
                default -> fail("unknown argument: " + args[i]);
            }
            i++;
        }

        MongoBackend backend = switch (backendName) {
            case "memory" -> new MemoryBackend();
            case "h2" -> {
                if (file == null) {
                    fail("--backend h2 needs --file PATH");
                }
                File parent = new File(file).getAbsoluteFile().getParentFile();
                if (parent != null) {
                    parent.mkdirs();
                }
                yield new H2Backend(file);
            }
            default -> {
                fail("unknown backend: " + backendName + " (memory|h2)");
                yield null;
            }
        };
        backend.version(ADVERTISED);

        MongoServer server = new MongoServer(backend);
        // shutdownNow() also closes the backend, which for h2 flushes and closes the MVStore file.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-shutdown"));
        server.bind(host, port);

        InetSocketAddress address = server.getLocalAddress();
        System.out.println("MONGO_READY port=" + address.getPort());
        System.out.flush();
    }

    private static String require(String flag, String value) {
        if (value == null) {
            fail(flag + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("mongo-launcher: " + message);
        System.exit(2);
    }
}
