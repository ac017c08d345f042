package io.jakamoconnector.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The harness's arguments. Sizes left unset take the section's default, or its small size with {@code --quick}.
 *
 * @param jar            the connector built from this work tree: the "after" build
 * @param baselineJar    another build of the connector (e.g. an older commit's {@code app/target/jakamo-connector.jar}):
 *                       the "before" build, measured beside {@code jar} in every section that measures the connector;
 *                       null for none
 * @param rounds         child JVMs per build and section, before and after alternating; the median is reported
 * @param apiLatency     the WAN section's latency, added by the sandbox to every Jakamo API call
 * @param childJavaOpts  JVM flags for the "after" build's child JVMs (inbound, outbound, audit, wan), after the
 *                       harness's own
 * @param baselineChildJavaOpts the same for the "before" build's; with this build's own jar as the baseline, the
 *                       two compare JVM flags rather than builds
 */
record BenchOptions(Path results, Path jar, Set<String> only, boolean quick, Path baselineJar, Integer restarts,
                    Set<String> processVariants, Duration tokenLatency, int rounds, Integer inboundBacklog,
                    Integer auditEvents, Integer wanBacklog, Duration apiLatency, List<String> childJavaOpts,
                    List<String> baselineChildJavaOpts) {

    static final List<String> SECTIONS = List.of("token", "jmh", "inbound", "outbound", "audit", "process", "wan");

    static final String USAGE = "use --results DIR, --jar FILE, --only " + String.join(",", SECTIONS)
            + ", --quick, --baseline-jar FILE, --rounds N, --inbound-backlog N, --audit-events N, --wan-backlog N, "
            + "--wan-latency-ms N, --restarts N, --process-variants default,c1,serial,cds,combined,launcher-cds,"
            + "launcher-nocds,base-default,base-c1, --token-latency-ms N, --child-java-opts 'FLAGS', "
            + "--baseline-child-java-opts 'FLAGS'";

    BenchOptions {
        for (String section : only) {
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException("--only: unknown section " + section + "; one of "
                        + String.join(",", SECTIONS));
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds: 1 or more, not " + rounds);
        }
        positive("--inbound-backlog", inboundBacklog);
        positive("--audit-events", auditEvents);
        positive("--wan-backlog", wanBacklog);
        positive("--restarts", restarts);
        if (apiLatency.isNegative() || apiLatency.isZero()) {
            throw new IllegalArgumentException("--wan-latency-ms: more than 0 (the limit is 1/(2 x latency))");
        }
        if (tokenLatency.isNegative()) {
            throw new IllegalArgumentException("--token-latency-ms: 0 or more");
        }
        childJavaOpts = List.copyOf(childJavaOpts);
        baselineChildJavaOpts = List.copyOf(baselineChildJavaOpts);
        if (!baselineChildJavaOpts.isEmpty() && baselineJar == null) {
            throw new IllegalArgumentException("--baseline-child-java-opts: needs --baseline-jar (to compare flags on "
                    + "one build, give this build's own jar as --baseline-jar)");
        }
    }

    static BenchOptions parse(String... args) {
        Path results = Path.of("bench/target/results");
        Path jar = Path.of("app/target/jakamo-connector.jar");
        Set<String> only = new LinkedHashSet<>(SECTIONS);
        boolean quick = false;
        Path baselineJar = null;
        Integer restarts = null;
        Set<String> processVariants = Set.of();
        Duration tokenLatency = Duration.ZERO;
        int rounds = 1;
        Integer inboundBacklog = null;
        Integer auditEvents = null;
        Integer wanBacklog = null;
        Duration apiLatency = Duration.ofMillis(50);
        List<String> childJavaOpts = List.of();
        List<String> baselineChildJavaOpts = List.of();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                quick = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg + "; " + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--results" -> results = Path.of(value);
                case "--jar" -> jar = Path.of(value);
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                case "--baseline-jar" -> baselineJar = Path.of(value);
                case "--rounds" -> rounds = number(arg, value);
                case "--inbound-backlog" -> inboundBacklog = number(arg, value);
                case "--audit-events" -> auditEvents = number(arg, value);
                case "--wan-backlog" -> wanBacklog = number(arg, value);
                case "--wan-latency-ms" -> apiLatency = Duration.ofMillis(number(arg, value));
                case "--restarts" -> restarts = number(arg, value);
                case "--process-variants" -> processVariants = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                case "--token-latency-ms" -> tokenLatency = Duration.ofMillis(number(arg, value));
                case "--child-java-opts" -> childJavaOpts = flags(arg, value);
                case "--baseline-child-java-opts" -> baselineChildJavaOpts = flags(arg, value);
                default -> throw new IllegalArgumentException("unknown argument " + arg + "; " + USAGE);
            }
        }
        return new BenchOptions(results, jar, only, quick, baselineJar, restarts, processVariants, tokenLatency,
                rounds, inboundBacklog, auditEvents, wanBacklog, apiLatency, childJavaOpts, baselineChildJavaOpts);
    }

    /** The builds the connector sections measure: the baseline ("before") first if there is one, then "after". */
    List<Build> builds() {
        Build after = Build.after(jar).withJavaOpts(childJavaOpts);
        return baselineJar == null ? List.of(after)
                : List.of(Build.before(baselineJar).withJavaOpts(baselineChildJavaOpts), after);
    }

    int inboundBacklogOrDefault() {
        return inboundBacklog != null ? inboundBacklog : quick ? 500 : 10_000;
    }

    int auditEventsOrDefault() {
        return auditEvents != null ? auditEvents : quick ? 2_000 : 30_000;
    }

    int wanBacklogOrDefault() {
        return wanBacklog != null ? wanBacklog : quick ? 20 : 300;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": a whole number, not " + value);
        }
    }

    /** JVM flags separated by spaces, each starting with a dash (a class or jar here would replace the child's). */
    private static List<String> flags(String option, String value) {
        List<String> flags = Arrays.stream(value.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
        for (String flag : flags) {
            if (!flag.startsWith("-") || flag.equals("-jar") || flag.equals("-cp") || flag.equals("-classpath")) {
                throw new IllegalArgumentException(option + ": JVM flags such as -XX:TieredStopAtLevel=1, separated "
                        + "by spaces, not " + flag);
            }
        }
        return flags;
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + ": 1 or more, not " + value);
        }
    }
}
