package io.jakamoconnector.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A child JVM of the harness: measures one section against one build of the connector (the jar on its class path,
 * see {@link ChildClasspath}) and prints what it measured as {@link Measurements} lines. Arguments: the section
 * ({@code inbound}, {@code outbound}, {@code audit}, {@code wan}), then {@code name=value} parameters, {@code jar=}
 * among them. Started by {@link ChildRuns}, not by hand.
 */
public final class BenchChild {
    /** Exit status when the jar lacks what the harness calls (a baseline older than the harness's API). */
    static final int LINKAGE = 3;

    private BenchChild() {
    }

    public static void main(String[] args) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("parameter: name=value, not " + args[i]);
            }
            p.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        try {
            Measurements m = switch (args[0]) {
                case "inbound" -> InboundDrainFigures.measure(integer(p, "backlog"), integer(p, "warmUp"));
                case "outbound" -> OutboundFigures.measure(integer(p, "concurrent"), integer(p, "sequential"));
                case "audit" -> AuditFigures.measure(integer(p, "events"), Path.of(p.get("jar")),
                        integer(p, "commandRounds"));
                case "wan" -> WanFigures.measure(integer(p, "backlog"), integer(p, "warmUp"),
                        Duration.ofMillis(integer(p, "latencyMs")));
                default -> throw new IllegalArgumentException("unknown section " + args[0]);
            };
            m.print(System.out);
            System.exit(0);   // the embedded servers' and HTTP clients' threads are not ours to wait for
        } catch (LinkageError e) {
            System.err.println("bench child: the connector jar " + p.get("jar") + " lacks a class or method the "
                    + "harness calls (" + e + "). The harness runs the connector's own wiring and use cases "
                    + "(Composition, Injectors, Lifecycle, the use cases and ports named in bench/README.md); use a "
                    + "baseline that has them or adapt the section's measure method.");
            e.printStackTrace();
            System.exit(LINKAGE);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static int integer(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing parameter " + name + "=");
        }
        return Integer.parseInt(value);
    }
}
