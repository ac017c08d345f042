package io.jakamoconnector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves every rule bites: the same rules, built over the fixtures' root, report each deliberately wrong class and
 * leave alone its deliberately right look-alike (the allowed exceptions, which a too-broad rule would also report).
 *
 * <p>Names are relative to the fixtures' root. A violator is a class or one of its members ({@code Class.member});
 * it counts as reported when a line of the failure report starts its first {@code <…>} with it.
 */
class RulesBiteTest {

    static final String FIXTURES_ROOT = "io.jakamoconnector.architecture.fixtures";

    private static final ArchitectureRules RULES = ArchitectureRules.forRoot(FIXTURES_ROOT);

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURES_ROOT);

    private static final Pattern FIRST_NAMED_ELEMENT = Pattern.compile("<([^<>]+)");

    /** What each rule must report, and what it must not. */
    private record Case(List<String> violators, List<String> lookAlikes) {
    }

    private static Case reports(String... violators) {
        return new Case(List.of(violators), List.of());
    }

    private static final Map<String, Case> CASES = Map.ofEntries(
            Map.entry("domainDependsOnlyOnTheJdk", new Case(
                    List.of("domain.service.HttpCallingService", "domain.service.AssertingService",
                            "domain.model.document.RootElementPeeker"),
                    List.of("domain.model.document.DocumentReader", "domain.model.auth.Endpoint",
                            "domain.testing.OrderPortContract", "domain.testing.InMemoryOrders"))),
            Map.entry("domainReadsTimeOnlyFromAnInjectedClock", new Case(
                    List.of("domain.service.SystemClockReader.instantNow",
                            "domain.service.SystemClockReader.localDateNowInZone",
                            "domain.service.SystemClockReader.currentTimeMillis",
                            "domain.service.SystemClockReader.nanoTime",
                            "domain.service.SystemClockReader.systemClock",
                            "domain.service.SystemClockReader.newDate",
                            "domain.service.SystemClockReader.instantNowReference"),
                    List.of("domain.service.PlaceOrderService"))),
            Map.entry("adaptersDoNotDependOnEachOther", new Case(
                    List.of("adapter.jakamo.TokenBorrower"),
                    List.of("adapter.jakamo.HttpOrderAdapter"))),
            Map.entry("nothingOutsideAppDependsOnApp", reports("adapter.jakamo.AppConfigReader")),
            Map.entry("sandboxUsesNoOtherProjectClass", new Case(
                    List.of("sandbox.DomainAwareFake"),
                    List.of("sandbox.FakeEntra", "sandbox.SandboxMain"))),
            Map.entry("onlyAppDependsOnSandbox", new Case(
                    List.of("adapter.auth.SandboxShortcut"),
                    List.of("app.cli.OrderCommand"))),
            Map.entry("appNamesNoErpAdapter", new Case(
                    List.of("app.cli.FolderPeeker"),
                    List.of("app.wiring.ErpModule", "app.cli.SideOpener"))),
            Map.entry("onlyTheErpModuleOpensErpAdapters", new Case(
                    List.of("app.cli.SideOpener"),
                    List.of("app.wiring.ErpModule"))),
            Map.entry("onlyErpAdaptersFindsErpAdapters", new Case(
                    List.of("app.cli.ProviderLoader"),
                    List.of("app.config.ErpAdapters"))),
            Map.entry("injectionAndCommandLineOnlyInApp", new Case(
                    List.of("adapter.persistence.InjectedRepository"),
                    List.of("app.cli.OrderCommand", "app.wiring.OrderModule", "app.wiring.OrderJob"))),
            Map.entry("msalOnlyInAuthAdapter", new Case(
                    List.of("adapter.jakamo.MsalBorrower"),
                    List.of("adapter.auth.MsalOrderAdapter"))),
            Map.entry("databaseOnlyInPersistenceAdapter", new Case(
                    List.of("adapter.notification.JdbcPeeker"),
                    List.of("adapter.persistence.JdbiOrderAdapter", "adapter.erptable.JdbcOrderTable"))),
            Map.entry("httpClientOnlyInHttpAdaptersAndSandbox", new Case(
                    List.of("adapter.persistence.HttpUploader", "domain.service.HttpCallingService"),
                    List.of("adapter.auth.MsalOrderAdapter", "adapter.jakamo.HttpOrderAdapter",
                            "adapter.erptable.JdbcOrderTable",
                            "adapter.notification.SmtpOrderAdapter", "sandbox.FakeEntra"))),
            Map.entry("mailOnlyInNotificationAdapter", new Case(
                    List.of("adapter.erpfolder.MailSender"),
                    List.of("adapter.notification.SmtpOrderAdapter"))),
            Map.entry("webPagesOnlyInConsoleAdapter", new Case(
                    List.of("adapter.jakamo.StatusPage", "app.cli.TemplatePrinter"),
                    List.of("adapter.console.JavalinOrderPage", "adapter.erptable.JdbcOrderTable"))),
            Map.entry("nimbusOnlyInSandbox", new Case(
                    List.of("adapter.auth.JwtPeeker"),
                    List.of("sandbox.FakeEntra"))),
            Map.entry("bouncyCastleOnlyInSandbox", new Case(
                    List.of("app.config.CertificateMinter"),
                    List.of("sandbox.FakeEntra"))),
            Map.entry("xmlParsersOnlyInDocumentReaderAndSandbox", new Case(
                    List.of("adapter.erpfolder.DomReader", "adapter.erpfolder.StreamParser"),
                    List.of("domain.model.document.DocumentReader", "sandbox.FakeEntra",
                            "domain.model.document.RootElementPeeker"))),
            Map.entry("noVagueClassNames", new Case(
                    List.of("adapter.erpfolder.FolderManager", "adapter.erpfolder.FileNameHelper",
                            "adapter.erpfolder.PathUtil", "adapter.erpfolder.PathUtils",
                            "adapter.erpfolder.FolderReaderImpl"),
                    List.of("sandbox.FixedTrustManager"))),
            Map.entry("drivenPortsEndWithPort", new Case(
                    List.of("domain.port.out.OrderGateway"),
                    List.of("domain.port.out.QueueLease", "domain.port.out.SendVerdict",
                            "domain.port.out.OrderPort"))),
            Map.entry("drivenPortsTakeTransitionsNotStates", new Case(
                    List.of("domain.port.out.OrderStatePort.recordState"),
                    List.of("domain.port.out.OrderStatePort.recordEnd", "domain.port.out.OrderStatePort.stateOf",
                            "domain.port.out.OrderPort"))),
            Map.entry("drivingPortsAreUseCasesCommandsAndResults", new Case(
                    List.of("domain.port.in.OrderProcessor"),
                    List.of("domain.port.in.PlaceOrderUseCase", "domain.port.in.PlaceOrderCommand",
                            "domain.port.in.PlaceOrderResult"))),
            Map.entry("useCasesAreImplementedByServices", new Case(
                    List.of("domain.service.OrderPlacer"),
                    List.of("domain.service.PlaceOrderService"))),
            Map.entry("portImplementationsInAdaptersEndWithAdapter", new Case(
                    List.of("adapter.erpfolder.FolderOrderGateway"),
                    List.of("adapter.erpfolder.CachingOrders", "adapter.auth.MsalOrderAdapter"))),
            Map.entry("fakesAreNamedInMemory", new Case(
                    List.of("domain.testing.StubOrders"),
                    List.of("domain.testing.InMemoryOrders"))),
            Map.entry("adapterInternalsAreNotPublic", new Case(
                    List.of("adapter.persistence.OrderDao", "adapter.persistence.OrderDao$FoundRow"),
                    List.of("adapter.persistence.OrderRow", "adapter.persistence.StateDao"))),
            Map.entry("domainModelFieldsAreFinal", new Case(
                    List.of("domain.model.MutableAmount.cents", "domain.model.MutableAmount$Builder.pending"),
                    List.of("domain.model.auth.AccessToken", "domain.model.auth.SigningSecret",
                            "domain.model.MutableAmount$Tally"))),
            Map.entry("noCyclesBetweenTopLevelPackages", reports("adapter.jakamo.AppConfigReader")),
            Map.entry("noCyclesInsideTheDomain", reports("domain.model.CycleToService")),
            Map.entry("noStandardStreamsOutsideTheCommandLine", new Case(
                    List.of("adapter.jakamo.ConsolePrinter"),
                    List.of("app.cli.OrderCommand", "sandbox.SandboxMain"))),
            Map.entry("noGenericExceptions", new Case(
                    List.of("adapter.erpfolder.GenericThrower"),
                    List.of("domain.model.ValueException"))),
            Map.entry("noJavaUtilLogging", new Case(
                    List.of("adapter.auth.JulLogging"),
                    List.of("adapter.persistence.ParentLoggerDeclarer"))),
            Map.entry("noFieldInjection", new Case(
                    List.of("app.wiring.FieldInjected.guiceInjected", "app.wiring.FieldInjected.jakartaInjected"),
                    List.of("app.wiring.OrderJob"))),
            Map.entry("secretsWriteTheirOwnToString", new Case(
                    List.of("domain.model.auth.AccessToken", "domain.model.auth.SigningSecret"),
                    List.of("domain.model.auth.ClientSecret"))),
            Map.entry("testsSleepOnlyToPlayASlowPeer", new Case(
                    List.of("adapter.jakamo.SleepyPollCheck"),
                    List.of("adapter.jakamo.LatchedPollCheck", "domain.testing.Pause", "reliability.KillLoop"))));

    @Test
    void every_rule_has_a_case_and_every_case_a_rule() {
        Set<String> rules = new TreeSet<>(RULES.all().keySet());
        rules.addAll(RULES.overTestCode().keySet());
        assertThat(CASES.keySet()).containsExactlyInAnyOrderElementsOf(rules);
    }

    @Test
    void the_fixtures_mirror_every_package_and_class_the_rules_name() {
        Layout layout = RULES.layout();
        for (String name : layout.namedPackages()) {
            assertThat(FIXTURES.stream().anyMatch(c -> c.getPackageName().equals(name)
                    || c.getPackageName().startsWith(name + "."))).as("fixture package %s", name).isTrue();
        }
        for (String name : layout.namedClasses()) {
            assertThat(FIXTURES.contain(name)).as("fixture class %s", name).isTrue();
        }
    }

    @Test
    void every_named_fixture_exists() {
        CASES.forEach((rule, c) -> Stream.concat(c.violators().stream(), c.lookAlikes().stream())
                .map(RulesBiteTest::classPart)
                .forEach(name -> assertThat(FIXTURES.contain(FIXTURES_ROOT + "." + name))
                        .as("%s names fixture %s", rule, name).isTrue()));
    }

    @TestFactory
    Stream<DynamicTest> every_rule_reports_its_violators_and_spares_its_look_alikes() {
        return Stream.concat(RULES.all().entrySet().stream(), RULES.overTestCode().entrySet().stream())
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            ArchRule rule = entry.getValue();
            Case expected = CASES.get(entry.getKey());
            assertThat(expected).as("case for %s", entry.getKey()).isNotNull();
            EvaluationResult result = rule.evaluate(FIXTURES);
            assertThat(result.hasViolation()).as("%s reports a violation", entry.getKey()).isTrue();
            Set<String> reported = reportedElements(result);
            String report = String.join("\n", result.getFailureReport().getDetails());
            for (String violator : expected.violators()) {
                assertThat(reported.stream().anyMatch(r -> names(r, violator)))
                        .as("%s reports %s; it reported:%n%s", entry.getKey(), violator, report).isTrue();
            }
            for (String lookAlike : expected.lookAlikes()) {
                assertThat(reported.stream().noneMatch(r -> names(r, lookAlike)))
                        .as("%s leaves %s alone; it reported:%n%s", entry.getKey(), lookAlike, report).isTrue();
            }
        }));
    }

    /** The element each report line is about: its first {@code <…>}, relative to the fixtures' root. */
    private static Set<String> reportedElements(EvaluationResult result) {
        Set<String> elements = new TreeSet<>();
        for (String detail : result.getFailureReport().getDetails()) {
            for (String line : detail.split("\\R")) {
                Matcher m = FIRST_NAMED_ELEMENT.matcher(line);
                if (m.find() && m.group(1).startsWith(FIXTURES_ROOT + ".")) {
                    elements.add(m.group(1).substring(FIXTURES_ROOT.length() + 1));
                }
            }
        }
        return elements;
    }

    /** Whether a reported element is the expected class or member, or a member or nested class of it. */
    private static boolean names(String reported, String expected) {
        if (!reported.startsWith(expected)) {
            return false;
        }
        if (reported.length() == expected.length()) {
            return true;
        }
        char next = reported.charAt(expected.length());
        return next == '.' || next == '$' || next == '(';
    }

    private static String classPart(String name) {
        String[] parts = name.split("\\.");
        int last = parts.length - 1;
        // a member is lower-case after the class name: domain.model.MutableAmount.cents
        return Character.isLowerCase(parts[last].charAt(0)) && last > 0
                && Character.isUpperCase(parts[last - 1].charAt(0))
                ? name.substring(0, name.lastIndexOf('.'))
                : name;
    }
}
