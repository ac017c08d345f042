package io.jakamoconnector.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.Dependency.Predicates.dependencyOrigin;
import static com.tngtech.archunit.core.domain.Dependency.Predicates.dependencyTarget;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.TOP_LEVEL_CLASSES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.implement;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules of {@code CONVENTIONS.md}, section "ArchUnit", as one constant each.
 *
 * <p>The rules are built from a {@link Layout}, never from a literal package name: {@link #PROJECT} holds them for the
 * real code ({@code io.jakamoconnector}), {@link #forRoot(String)} builds the very same rules for the fixtures in this
 * module's test sources, which is how {@code RulesBiteTest} proves each one reports a deliberately wrong class.
 *
 * <p>Each field is one rule; {@link #all()} lists them by field name, so a new rule is picked up by the real-code test,
 * and the bite test fails until the new rule has a fixture.
 */
final class ArchitectureRules {

    /** The root of the real code. */
    static final String PROJECT_ROOT = "io.jakamoconnector";

    /**
     * The JDK packages the domain may use. {@code java.net} is not among them as a whole (that would let
     * {@code java.net.http} in); only the two URI types an environment's URLs need are.
     */
    private static final String[] JDK_FOR_THE_DOMAIN = {
        "java.lang..", "java.util..", "java.time..", "java.math..", "java.security..", "java.nio..", "java.io.."};

    private static final List<String> URI_TYPES = List.of("java.net.URI", "java.net.URISyntaxException");

    /** The libraries the contract tests of the domain test-jar are written with. */
    private static final String[] TEST_LIBRARIES = {"org.junit..", "org.assertj..", "org.opentest4j.."};

    private static final String[] DEPENDENCY_INJECTION_AND_CLI = {
        "com.google.inject..", "jakarta.inject..", "javax.inject..", "picocli.."};

    private static final String[] DATABASE_TECHNOLOGY = {
        "org.jdbi..", "org.flywaydb..", "java.sql..", "javax.sql..", "org.postgresql..", "io.zonky..",
        "com.zaxxer.hikari.."};

    /** Everything that turns bytes into an XML tree or events; writing XML is not parsing and stays allowed. */
    private static final String[] XML_PARSING_PACKAGES = {
        "javax.xml.parsers..", "javax.xml.transform..", "javax.xml.validation..", "javax.xml.xpath..",
        "org.xml.sax..", "org.w3c.dom.."};

    /** Jakarta Mail's API and its implementation. */
    private static final String[] MAIL_TECHNOLOGY = {"jakarta.mail..", "org.eclipse.angus.."};
    private static final String[] WEB_TECHNOLOGY = {"io.javalin..", "gg.jte.."};

    private static final String XML_STREAM_PARSER_FACTORY = "javax.xml.stream.XMLInputFactory";

    private static final List<String> VAGUE_NAME_SUFFIXES = List.of("Manager", "Helper", "Util", "Utils", "Impl");

    private static final List<String> ADAPTER_INTERNAL_SUFFIXES = List.of("Dao", "Row", "Dto", "Mapper");

    private static final List<String> INJECTION_ANNOTATIONS =
            List.of("com.google.inject.Inject", "jakarta.inject.Inject", "javax.inject.Inject");

    /**
     * Test classes (relative to {@code io.jakamoconnector}) that still call {@code Thread.sleep} from before the rule
     * {@link #testsSleepOnlyToPlayASlowPeer}: each is to be moved to a latch, Awaitility, an injected clock or
     * {@code Pause.slowPeer}, and then taken off. The list only shrinks: {@code ArchitectureTest} fails while a listed
     * class no longer sleeps, and a class not listed may not start.
     */
    static final Set<String> STILL_SLEEPING = Set.of();

    /** The rules that are checked over test code rather than production code (see {@link #overTestCode()}). */
    private static final Set<String> OVER_TEST_CODE = Set.of("testsSleepOnlyToPlayASlowPeer");

    /** The rules over the real code (declared after the constants above: they are built from them). */
    static final ArchitectureRules PROJECT = new ArchitectureRules(new Layout(PROJECT_ROOT), STILL_SLEEPING);

    // 1. The domain depends on the JDK only.

    final ArchRule domainDependsOnlyOnTheJdk;

    // 2. Time comes from an injected Clock.

    final ArchRule domainReadsTimeOnlyFromAnInjectedClock;

    // 3. Who may know whom.

    final ArchRule adaptersDoNotDependOnEachOther;
    final ArchRule nothingOutsideAppDependsOnApp;
    final ArchRule sandboxUsesNoOtherProjectClass;
    final ArchRule onlyAppDependsOnSandbox;
    final ArchRule appNamesNoErpAdapter;
    final ArchRule onlyTheErpModuleOpensErpAdapters;
    final ArchRule onlyErpAdaptersFindsErpAdapters;

    // 4. Wiring and command line belong to the app.

    final ArchRule injectionAndCommandLineOnlyInApp;

    // 5. Technology stays home.

    final ArchRule msalOnlyInAuthAdapter;
    final ArchRule databaseOnlyInPersistenceAdapter;
    final ArchRule httpClientOnlyInHttpAdaptersAndSandbox;
    final ArchRule mailOnlyInNotificationAdapter;
    final ArchRule webPagesOnlyInConsoleAdapter;
    final ArchRule nimbusOnlyInSandbox;
    final ArchRule bouncyCastleOnlyInSandbox;
    final ArchRule xmlParsersOnlyInDocumentReaderAndSandbox;

    // 6. Names say what a class is.

    final ArchRule noVagueClassNames;
    final ArchRule drivenPortsEndWithPort;
    final ArchRule drivenPortsTakeTransitionsNotStates;
    final ArchRule drivingPortsAreUseCasesCommandsAndResults;
    final ArchRule useCasesAreImplementedByServices;
    final ArchRule portImplementationsInAdaptersEndWithAdapter;
    final ArchRule fakesAreNamedInMemory;
    final ArchRule adapterInternalsAreNotPublic;

    // 7. Immutable model, no cycles.

    final ArchRule domainModelFieldsAreFinal;
    final ArchRule noCyclesBetweenTopLevelPackages;
    final ArchRule noCyclesInsideTheDomain;

    // 8. General coding rules.

    final ArchRule noStandardStreamsOutsideTheCommandLine;
    final ArchRule noGenericExceptions;
    final ArchRule noJavaUtilLogging;
    final ArchRule noFieldInjection;

    // 9. Secrets never print themselves.

    final ArchRule secretsWriteTheirOwnToString;

    // 10. Tests can fail and never wait on a guess (checked over test code).

    final ArchRule testsSleepOnlyToPlayASlowPeer;

    private final Layout layout;

    static ArchitectureRules forRoot(String root) {
        return new ArchitectureRules(new Layout(root), Set.of());
    }

    private ArchitectureRules(Layout layout, Set<String> stillSleeping) {
        this.layout = layout;
        String project = layout.everything();
        String domain = layout.tree("domain");
        String domainModel = layout.tree("domain.model");
        String portIn = layout.pkg("domain.port.in");
        String portOut = layout.pkg("domain.port.out");
        String service = layout.pkg("domain.service");
        String testing = layout.tree("domain.testing");
        String adapters = layout.tree("adapter");
        String authAdapter = layout.tree("adapter.auth");
        String jakamoAdapter = layout.tree("adapter.jakamo");
        String persistenceAdapter = layout.tree("adapter.persistence");
        String notificationAdapter = layout.tree("adapter.notification");
        String consoleAdapter = layout.tree("adapter.console");
        layout.pkg("adapter.erpfolder"); // named so the existence test insists on all five adapters
        // every ERP adapter, today's and the next (adapter.erphttp, adapter.erptable, ...): brings its own libraries
        String erpAdapters = layout.root() + ".adapter.erp*..";
        String erpAdapterProvider = layout.type("domain.plugin.ErpAdapterProvider");
        DescribedPredicate<JavaClass> erpModule = classOrNested(layout.type("app.wiring.ErpModule"));
        DescribedPredicate<JavaClass> erpAdapterFinder = classOrNested(layout.type("app.config.ErpAdapters"));
        String sandbox = layout.tree("sandbox");
        String app = layout.tree("app");
        String commandLine = layout.tree("app.cli");
        DescribedPredicate<JavaClass> documentReader = classOrNested(layout.type("domain.model.document.DocumentReader"));
        DescribedPredicate<JavaClass> sandboxMain = classOrNested(layout.type("sandbox.SandboxMain"));
        String accessToken = layout.type("domain.model.auth.AccessToken");
        String queueLease = layout.type("domain.port.out.QueueLease");

        DescribedPredicate<JavaClass> drivenPort =
                resideInAPackage(portOut).and(INTERFACES).and(simpleNameEndingWith("Port")).as("a driven port");
        DescribedPredicate<JavaClass> useCase =
                resideInAPackage(portIn).and(INTERFACES).and(simpleNameEndingWith("UseCase")).as("a use case");

        domainDependsOnlyOnTheJdk = classes().that().resideInAPackage(domain)
                .should(onlyHaveDependenciesWhere(
                        dependencyTarget(resideInAnyPackage(JDK_FOR_THE_DOMAIN)
                                .or(resideInAPackage(domain))
                                .or(anyNameOf(URI_TYPES)))
                        .or(dependencyOrigin(documentReader)
                                .and(dependencyTarget(resideInAPackage("javax.xml.stream..")
                                        .or(name("javax.xml.XMLConstants")))))
                        .or(dependencyOrigin(resideInAPackage(testing))
                                .and(dependencyTarget(resideInAnyPackage(TEST_LIBRARIES))))
                        .as("target the JDK (%s, java.net.URI), the domain itself, javax.xml.stream from the "
                                + "document reader, or JUnit/AssertJ from %s",
                                String.join(", ", JDK_FOR_THE_DOMAIN), testing)))
                .because("the domain is the part every other module and every other team reuses: it must build and "
                        + "test with nothing but a JDK, and the document reader is its only XML parser");

        domainReadsTimeOnlyFromAnInjectedClock = noClasses().that().resideInAPackage(domain)
                .should().accessTargetWhere(readsTheSystemClock())
                .because("time comes from an injected java.time.Clock, so a test can stop and move it "
                        + "(crash points, leases, expiry); Instant.now(clock) is fine, Instant.now() is not");

        adaptersDoNotDependOnEachOther = slices().matching(layout.root() + ".adapter.(*)..")
                .namingSlices("adapter.$1")
                .should().notDependOnEachOther()
                .because("adapters are swapped and reused one by one; what two adapters share is a domain type or "
                        + "a port");

        nothingOutsideAppDependsOnApp = noClasses().that().resideInAPackage(project).and().resideOutsideOfPackage(app)
                .should().dependOnClassesThat().resideInAPackage(app)
                .because("app is the composition root: it knows everything and nothing knows it");

        sandboxUsesNoOtherProjectClass = noClasses().that().resideInAPackage(sandbox)
                .should().dependOnClassesThat(resideInAPackage(project).and(not(resideInAPackage(sandbox)))
                        .as("project classes outside %s", sandbox))
                .because("the sandbox plays Entra ID and Jakamo: sharing the connector's own types would let it "
                        + "agree with the connector's mistakes instead of with the real services' contracts");

        onlyAppDependsOnSandbox = noClasses().that().resideInAPackage(project)
                .and().resideOutsideOfPackages(sandbox, app)
                .should().dependOnClassesThat().resideInAPackage(sandbox)
                .because("the sandbox is a test double: adapters meet it in their integration tests, never in the "
                        + "code that ships");

        appNamesNoErpAdapter = noClasses().that().resideInAPackage(app)
                .should().dependOnClassesThat().resideInAPackage(erpAdapters)
                .because("ERP adapters are plug-ins found by ServiceLoader and used through domain.plugin: an app "
                        + "class naming one would have to change for the next adapter (docs/extending.md)");

        // a provider itself is spared: its open may hand over to an overload of its own (the HTTP adapter's takes the
        // environment and limits for its tests), which opens nothing a second time
        onlyTheErpModuleOpensErpAdapters = noClasses().that(not(erpModule)).and().areNotAssignableTo(erpAdapterProvider)
                .should().callMethodWhere(callsMethodOf(erpAdapterProvider, "open"))
                .because("one place opens the ERP sides (and hands them to the lifecycle): a second would start a "
                        + "second listener or claim the folders twice");

        onlyErpAdaptersFindsErpAdapters = noClasses().that().resideInAPackage(project).and(not(erpAdapterFinder))
                .should().dependOnClassesThat().haveFullyQualifiedName("java.util.ServiceLoader")
                .because("ErpAdapters is where the plug-ins are found (and two of one type refused); a second "
                        + "ServiceLoader could find a different set");

        injectionAndCommandLineOnlyInApp = noClasses().that().resideInAPackage(project)
                .and().resideOutsideOfPackage(app)
                .should().dependOnClassesThat().resideInAnyPackage(DEPENDENCY_INJECTION_AND_CLI)
                .because("adapters carry no DI annotations so other teams can reuse them anywhere; Guice modules "
                        + "in app.wiring build them, and only the app has a command line");

        msalOnlyInAuthAdapter = noClasses().that().resideInAPackage(project).and().resideOutsideOfPackage(authAdapter)
                .should().dependOnClassesThat().resideInAPackage("com.microsoft.aad.msal4j..")
                .because("the auth adapter translates MSAL and its errors into the token port; no MSAL type "
                        + "crosses into the rest");

        databaseOnlyInPersistenceAdapter = noClasses().that().resideInAPackage(project)
                .and().resideOutsideOfPackages(persistenceAdapter, erpAdapters)
                .should().dependOnClassesThat().resideInAnyPackage(DATABASE_TECHNOLOGY)
                .because("Jdbi, Flyway, JDBC, the PostgreSQL driver and the embedded database stay behind the "
                        + "persistence ports; the app asks the persistence adapter, it does not hold a DataSource. An ERP adapter may read "
                        + "an ERP's own database (a staging table): its plug-in brings its driver");

        httpClientOnlyInHttpAdaptersAndSandbox = noClasses().that().resideInAPackage(project)
                .and().resideOutsideOfPackages(authAdapter, jakamoAdapter, notificationAdapter, erpAdapters, sandbox)
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .because("only the adapters that talk HTTP (token endpoint, Jakamo API, chat webhooks) and the "
                        + "sandbox's checks use java.net.http, and an ERP adapter may call its ERP's API (a webhook); everyone "
                        + "else goes through a port");

        mailOnlyInNotificationAdapter = noClasses().that().resideInAPackage(project)
                .and().resideOutsideOfPackage(notificationAdapter)
                .should().dependOnClassesThat().resideInAnyPackage(MAIL_TECHNOLOGY)
                .because("the notification adapter translates Jakarta Mail and its errors into the notification "
                        + "port; no mail type crosses into the rest");

        webPagesOnlyInConsoleAdapter = noClasses().that().resideInAPackage(project)
                .and().resideOutsideOfPackages(consoleAdapter, erpAdapters)
                .should().dependOnClassesThat().resideInAnyPackage(WEB_TECHNOLOGY)
                .because("the console adapter turns HTTP requests (Javalin) and templates (JTE) into use-case calls; "
                        + "the app only starts it, and no other module serves pages but an ERP adapter serving its ERP an "
                        + "API");

        nimbusOnlyInSandbox = noClasses().that().resideInAPackage(project).and().resideOutsideOfPackage(sandbox)
                .should().dependOnClassesThat().resideInAPackage("com.nimbusds..")
                .because("the sandbox signs and checks JWTs as Entra ID would; the connector leaves JWTs to MSAL");

        bouncyCastleOnlyInSandbox = noClasses().that().resideInAPackage(project).and().resideOutsideOfPackage(sandbox)
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .because("the sandbox issues its throw-away CA and certificates with BouncyCastle; the connector "
                        + "only reads certificates, which the JDK does, and registers no second security provider");

        xmlParsersOnlyInDocumentReaderAndSandbox = noClasses().that().resideInAPackage(project)
                .and().resideOutsideOfPackage(sandbox).and(not(documentReader))
                .should().dependOnClassesThat(resideInAnyPackage(XML_PARSING_PACKAGES)
                        .or(name(XML_STREAM_PARSER_FACTORY))
                        .as("an XML parser or parser factory (%s, %s)",
                                String.join(", ", XML_PARSING_PACKAGES), XML_STREAM_PARSER_FACTORY))
                .because("the document reader is the one hardened parser (no DOCTYPE, no external entities, a size "
                        + "cap): a second factory would be a second place to get XXE wrong");

        noVagueClassNames = noClasses().that().resideInAPackage(project)
                .should(inventANameEndingWithAnyOf(VAGUE_NAME_SUFFIXES, layout.root()))
                .because("a name says what a class is: Manager, Helper, Util and Impl say nothing. A name taken "
                        + "from the library type a class implements (a JSSE KeyManager) is the library's word");

        drivenPortsEndWithPort = classes().that().resideInAPackage(portOut).and().areInterfaces()
                .and().areTopLevelClasses()
                .and(not(sealed()))
                .and().doNotHaveFullyQualifiedName(queueLease)
                .should().haveSimpleNameEndingWith("Port")
                .because("a driven port is named by the core's need plus Port (AccessTokenPort, InboundStatePort). "
                        + "Exempt: sealed interfaces, which are outcome values, and QueueLease, the handle that "
                        + "QueueLeasePort hands out: it is held and closed, not implemented as a capability");

        DescribedPredicate<List<JavaClass>> aStateOfTheModel = describe(
                "a state of the model (an enum named *State in " + domainModel + ")",
                types -> types.stream().anyMatch(type -> type.isEnum() && type.getSimpleName().endsWith("State")
                        && resideInAPackage(domainModel).test(type)));
        drivenPortsTakeTransitionsNotStates = noMethods().that().areDeclaredInClassesThat(drivenPort)
                .should().haveRawParameterTypes(aStateOfTheModel)
                .because("a port write takes what happened (an AttemptEnd, an OutboundFix, a refusal), which carries "
                        + "just what that transition needs, so an impossible one (a sender leaving a document "
                        + "SENDING, or PENDING without a due time) does not compile; a state to set lets any be "
                        + "written. Reads may return states");

        drivingPortsAreUseCasesCommandsAndResults = classes().that().resideInAPackage(portIn)
                .and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("UseCase")
                .orShould().haveSimpleNameEndingWith("Command")
                .orShould().haveSimpleNameEndingWith("Result")
                .because("a driving port is <Verb><Noun>UseCase with its Command and Result records");

        useCasesAreImplementedByServices = classes().that().resideInAPackage(project).and().areTopLevelClasses()
                .and(implement(useCase))
                .should().resideInAPackage(service)
                .andShould().haveSimpleNameEndingWith("Service")
                .because("a use case is implemented once, by a …Service in domain.service that takes ports and a "
                        + "Clock");

        portImplementationsInAdaptersEndWithAdapter = classes().that().resideInAPackage(adapters)
                .and().areTopLevelClasses().and().arePublic()
                .and(implement(drivenPort))
                .should().haveSimpleNameEndingWith("Adapter")
                .because("an implementation of a port is <Technology><Capability>Adapter (MsalAccessTokenAdapter), "
                        + "so the wiring reads as a list of technologies; package-private decorators and nested "
                        + "classes are exempt");

        fakesAreNamedInMemory = classes().that().resideInAPackage(testing).and().areTopLevelClasses()
                .and(implement(drivenPort))
                .should().haveSimpleNameStartingWith("InMemory")
                .because("a fake of a port is InMemory<Capability>, so a test reads as what it runs against");

        adapterInternalsAreNotPublic = noClasses().that().resideInAPackage(adapters)
                .and(simpleNameEndingWithAnyOf(ADAPTER_INTERNAL_SUFFIXES))
                .should(beVisibleOutsideTheirPackage())
                .because("DAOs, rows, DTOs and mappers are how one adapter works today; keeping them "
                        + "package-private keeps them from becoming anyone's API");

        domainModelFieldsAreFinal = fields().that().areDeclaredInClassesThat().resideInAPackage(domainModel)
                .and().areDeclaredInClassesThat(DescribedPredicate.describe("are reachable outside their top-level class",
                        (JavaClass c) -> !c.getModifiers().contains(JavaModifier.PRIVATE)))
                .should().beFinal()
                .because("model values are immutable: they check themselves once, in the constructor (the private "
                        + "state of one parse, inside DocumentReader, never escapes as a value)");

        noCyclesBetweenTopLevelPackages = slices().matching(layout.root() + ".(*)..")
                .should().beFreeOfCycles()
                .because("domain, adapter, sandbox and app depend one way: a cycle would tie them into one module");

        noCyclesInsideTheDomain = slices().matching(layout.root() + ".domain.(*)..")
                .namingSlices("domain.$1")
                .should().beFreeOfCycles()
                .because("model, ports, services and test fixtures layer one way: the model knows no port, the "
                        + "ports no service");

        noStandardStreamsOutsideTheCommandLine = noClasses().that().resideInAPackage(project)
                .and().resideOutsideOfPackage(commandLine).and(not(sandboxMain))
                .should(ACCESS_STANDARD_STREAMS)
                .because("only the command line talks to a person; everything else logs through SLF4J, which can "
                        + "be configured and scrubbed (the sandbox's own main prints what it started)");

        noGenericExceptions = noClasses().that().resideInAPackage(project)
                .should(THROW_GENERIC_EXCEPTIONS)
                .because("a caller must be able to tell failures apart: bad input is InvalidValueException, a "
                        + "failure behind a port a PortFailureException subtype, a bug IllegalStateException");

        // "access", not "depend on": a DataSource must declare getParentLogger() returning a JUL Logger, which
        // logs nothing; getting a JUL logger or calling one does
        noJavaUtilLogging = noClasses().that().resideInAPackage(project)
                .should().accessClassesThat().resideInAPackage("java.util.logging..")
                .because("we log through SLF4J and Logback only, so one configuration governs every line");

        noFieldInjection = noFields().that().areDeclaredInClassesThat().resideInAPackage(project)
                .should(beAnnotatedWithAnyOf(INJECTION_ANNOTATIONS))
                .because("Guice builds objects through @Inject constructors (requireAtInjectOnConstructors): "
                        + "fields stay final and a class can be built in a test without an injector");

        secretsWriteTheirOwnToString = classes().that().resideInAPackage(project)
                // the JavaClass predicate comes first: name(..).or(..) would compile to the static, varargs
                // DescribedPredicate.or(..) and silently drop the name
                .and(simpleNameEndingWith("Secret").and(not(INTERFACES)).or(name(accessToken))
                        .as("are %s or named *Secret", accessToken))
                .should(declareTheirOwnToString())
                .because("a secret never reaches a log line: the generated or inherited toString() would print "
                        + "its value");

        DescribedPredicate<JavaClass> notYetConverted = stillSleeping.isEmpty()
                ? DescribedPredicate.<JavaClass>alwaysFalse().as("listed in STILL_SLEEPING")
                : nameMatching("(" + stillSleeping.stream().map(name -> Pattern.quote(layout.root() + "." + name))
                        .collect(java.util.stream.Collectors.joining("|")) + ")(\\$.*)?")
                        .<JavaClass>forSubtype().as("listed in STILL_SLEEPING");
        testsSleepOnlyToPlayASlowPeer = noClasses().that().resideInAPackage(project)
                // the reliability suite lets real processes run for minutes between kills: time is its subject
                .and().resideOutsideOfPackage(layout.root() + ".reliability..")
                .and(not(classOrNested(layout.type("domain.testing.Pause"))))
                .and(not(notYetConverted))
                .should().accessTargetWhere(sleeps())
                .because("a sleep that waits for something is a guess: too short and the test fails on a busy "
                        + "machine, too long and every run pays it; wait for the event (a latch, Awaitility, an "
                        + "injected Clock), and where slowness is the behaviour under test say so with "
                        + "Pause.slowPeer(delay, why)");
    }

    /** The layout the rules were built from, with every package and class they named. */
    Layout layout() {
        return layout;
    }

    /** Every rule over production code, by field name, in declaration order. */
    Map<String, ArchRule> all() {
        return rules(false);
    }

    /** Every rule over test code (the test classes of every module but the reliability suite), by field name. */
    Map<String, ArchRule> overTestCode() {
        return rules(true);
    }

    private Map<String, ArchRule> rules(boolean overTestCode) {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        for (java.lang.reflect.Field field : ArchitectureRules.class.getDeclaredFields()) {
            if (field.getType() == ArchRule.class && !Modifier.isStatic(field.getModifiers())
                    && OVER_TEST_CODE.contains(field.getName()) == overTestCode) {
                try {
                    rules.put(field.getName(), (ArchRule) field.get(this));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read rule " + field.getName(), e);
                }
            }
        }
        return rules;
    }

    // ---- predicates and conditions the DSL has no word for

    /** The class itself and the classes nested in it (their lambdas and helpers count as the class). */
    private static DescribedPredicate<JavaClass> classOrNested(String fullyQualifiedName) {
        return nameMatching(Pattern.quote(fullyQualifiedName) + "(\\$.*)?").<JavaClass>forSubtype()
                .as(fullyQualifiedName.substring(fullyQualifiedName.lastIndexOf('.') + 1));
    }

    /** Calls the method {@code name} of {@code owner} (or of an implementation, through the interface). */
    private static DescribedPredicate<JavaAccess<?>> callsMethodOf(String owner, String name) {
        return describe("call " + owner.substring(owner.lastIndexOf('.') + 1) + "." + name + "(..)",
                (JavaAccess<?> access) -> access.getTarget() instanceof CodeUnitAccessTarget target
                        && target.getName().equals(name) && target.getOwner().isAssignableTo(owner));
    }

    /** Calls {@code Thread.sleep} or {@code TimeUnit.sleep}, the two ways a test lets time pass on a guess. */
    static DescribedPredicate<JavaAccess<?>> sleeps() {
        return describe("call Thread.sleep(..) or TimeUnit.sleep(..)", (JavaAccess<?> access) -> {
            if (!(access.getTarget() instanceof CodeUnitAccessTarget target) || !target.getName().equals("sleep")) {
                return false;
            }
            String owner = target.getOwner().getName();
            return owner.equals("java.lang.Thread") || owner.equals("java.util.concurrent.TimeUnit");
        });
    }

    private static DescribedPredicate<JavaClass> anyNameOf(List<String> names) {
        return describe(String.join(" or ", names), (JavaClass c) -> names.contains(c.getName()));
    }

    private static DescribedPredicate<JavaClass> sealed() {
        return describe("sealed", JavaClass::isSealed);
    }

    private static DescribedPredicate<JavaClass> simpleNameEndingWithAnyOf(List<String> suffixes) {
        return describe("have a simple name ending with " + String.join(", ", suffixes),
                (JavaClass c) -> suffixes.stream().anyMatch(c.getSimpleName()::endsWith));
    }

    /**
     * Reads the wall clock: a {@code now(..)} of java.time without a Clock argument, {@code Clock.system*()} and the
     * {@code Clock.tick*(ZoneId)} shortcuts built on it, {@code System.currentTimeMillis()}, {@code System.nanoTime()}
     * (a duration measured in the domain must be movable by a test clock too) and {@code new Date()}. Called or
     * passed on as a method reference ({@code Instant::now}): both reach the wall clock.
     */
    private static DescribedPredicate<JavaAccess<?>> readsTheSystemClock() {
        return describe("read the system clock (java.time now() without a Clock, Clock.system*(), "
                + "System.currentTimeMillis(), System.nanoTime(), new Date())", (JavaAccess<?> access) -> {
                    if (!(access.getTarget() instanceof CodeUnitAccessTarget target)) {
                        return false; // a field access: no clock is read through a field
                    }
                    String owner = target.getOwner().getName();
                    String method = target.getName();
                    boolean takesAClock = target.getRawParameterTypes().stream()
                            .anyMatch(type -> type.getName().equals("java.time.Clock"));
                    if (owner.startsWith("java.time.") && method.equals("now")) {
                        return !takesAClock;
                    }
                    if (owner.equals("java.time.Clock")) {
                        return method.startsWith("system") || (method.startsWith("tick") && !takesAClock);
                    }
                    if (owner.equals("java.lang.System")) {
                        return method.equals("currentTimeMillis") || method.equals("nanoTime");
                    }
                    return owner.equals("java.util.Date") && method.equals("<init>")
                            && target.getRawParameterTypes().isEmpty();
                });
    }

    /**
     * Has a simple name ending with one of the suffixes, unless a supertype from outside the project ends with the
     * same one: a {@code FixedKeyManager extends X509ExtendedKeyManager} names the JSSE concept it implements.
     */
    private static ArchCondition<JavaClass> inventANameEndingWithAnyOf(List<String> suffixes, String root) {
        return new ArchCondition<>("have a simple name ending with " + String.join(", ", suffixes)
                + " (other than one inherited from a library supertype)") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Optional<String> suffix = suffixes.stream().filter(javaClass.getSimpleName()::endsWith)
                        .filter(s -> !inheritsTheWord(javaClass, s, root))
                        .findFirst();
                String message = suffix
                        .map(s -> "Class <" + javaClass.getName() + "> has a simple name ending with '" + s + "'")
                        .orElse("Class <" + javaClass.getName() + "> has a name that says what it is");
                events.add(new SimpleConditionEvent(javaClass, suffix.isPresent(), message));
            }
        };
    }

    private static boolean inheritsTheWord(JavaClass javaClass, String suffix, String root) {
        return Stream.concat(javaClass.getAllRawSuperclasses().stream(), javaClass.getAllRawInterfaces().stream())
                .anyMatch(type -> !type.getName().startsWith(root + ".") && type.getSimpleName().endsWith(suffix));
    }

    /** Public, and so is every class it is nested in: a public record inside a package-private DAO is not visible. */
    private static ArchCondition<JavaClass> beVisibleOutsideTheirPackage() {
        return new ArchCondition<>("be visible outside their package") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean visible = true;
                for (Optional<JavaClass> c = Optional.of(javaClass); c.isPresent(); c = c.get().getEnclosingClass()) {
                    visible &= c.get().getModifiers().contains(JavaModifier.PUBLIC);
                }
                events.add(new SimpleConditionEvent(javaClass, visible, "Class <" + javaClass.getName() + "> is "
                        + (visible ? "" : "not ") + "visible outside its package"));
            }
        };
    }

    private static ArchCondition<JavaField> beAnnotatedWithAnyOf(List<String> annotations) {
        return new ArchCondition<>("be annotated with " + String.join(" or ", annotations)) {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                Optional<String> annotation = annotations.stream().filter(field::isAnnotatedWith).findFirst();
                events.add(new SimpleConditionEvent(field, annotation.isPresent(), "Field <" + field.getFullName()
                        + "> is " + annotation.map(a -> "annotated with @" + a).orElse("not injected")));
            }
        };
    }

    /**
     * Declares {@code toString()} itself. A record always has one in its bytecode: the compiler's is {@code final}
     * and consists of one invokedynamic, which ArchUnit sees as a method that accesses nothing, so that one does not
     * count. (A hand-written record toString that is final and touches no field or method would be mistaken for the
     * compiler's; write it non-final.)
     */
    private static ArchCondition<JavaClass> declareTheirOwnToString() {
        return new ArchCondition<>("declare their own toString()") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Optional<JavaMethod> toString = javaClass.tryGetMethod("toString");
                boolean own = toString.isPresent() && !(javaClass.isRecord() && isCompilerGenerated(toString.get()));
                String message = "Class <" + javaClass.getName() + "> "
                        + (own ? "declares its own toString()" : toString.isPresent()
                                ? "keeps the record's generated toString(), which prints every component"
                                : "inherits toString()");
                events.add(new SimpleConditionEvent(javaClass, own, message));
            }
        };
    }

    private static boolean isCompilerGenerated(JavaMethod recordToString) {
        return recordToString.getModifiers().contains(JavaModifier.FINAL)
                && recordToString.getAccessesFromSelf().isEmpty();
    }
}
