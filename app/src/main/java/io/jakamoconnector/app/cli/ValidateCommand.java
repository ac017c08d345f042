package io.jakamoconnector.app.cli;

import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.validation.DocumentValidator;
import io.jakamoconnector.domain.model.validation.Problem;
import io.jakamoconnector.domain.model.validation.Severity;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.model.validation.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Pre-flight validation of ERP documents without sending anything: for the ERP team's own tests. It needs neither the
 * database nor Jakamo; with {@code --integration} it reads the configuration for that integration's kind and mode.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = {
        "Checks ERP documents as the connector would before sending them, and prints every problem located: line, "
                + "column, path, what was found and what is expected. Sends nothing; needs no database.",
        "Exit code 0 when no file has an ERROR (WARNINGs are printed), 1 when any has (or cannot be read), 2 for "
                + "usage errors, 78 when --integration is given and the configuration is wrong."},
        footer = {"", "Examples:", "  jakamo-connector validate PO-4711.xml",
                "  jakamo-connector validate out/*.xml --integration orders"})
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The documents to check.")
    private List<Path> files;

    @Option(names = {"-i", "--integration"}, paramLabel = "NAME", description = "Check as this integration would: "
            + "the documents its kind sends, and its validation mode (enforce, warn or off). Default: every document "
            + "type, enforce.")
    private String integration;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<IntegrationConfig> target = Optional.empty();
        if (integration != null) {
            try {
                List<IntegrationConfig> all = ((RootCommand) spec.parent().userObject()).loadConfig().integrations();
                target = all.stream().filter(i -> i.name().value().equals(integration)).findFirst();
                if (target.isEmpty()) {
                    err.println("jakamo-connector: no integration named '" + integration + "'; configured: "
                            + all.stream().map(i -> i.name().value()).toList());
                    return ExitCodes.USAGE;
                }
            } catch (ConfigurationException e) {
                err.println("jakamo-connector: " + e.getMessage());
                return ExitCodes.CONFIG;
            }
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("jakamo-connector: " + file + ": no such file");
                return ExitCodes.USAGE;
            }
        }
        ValidationMode mode = target.map(IntegrationConfig::validation).orElse(ValidationMode.ENFORCE);
        if (mode == ValidationMode.OFF) {
            out.println("note: validation is off for integration " + integration + ": the connector sends these "
                    + "unchecked; the problems below are shown as warnings");
        }
        boolean refused = false;
        for (Path file : files) {
            refused |= check(file, target, mode, out);
        }
        return refused ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** Prints one file's problems; true when the connector would keep it out of Jakamo. */
    private boolean check(Path file, Optional<IntegrationConfig> target, ValidationMode mode, PrintWriter out) {
        DocumentReader reader = new DocumentReader();
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = reader.readCapped(in, Files.size(file));
        } catch (NoSuchFileException e) {
            out.println(file + ": REFUSED: the file disappeared while being checked");
            return true;
        } catch (IOException | UnreadableDocumentException e) {
            out.println(file + ": REFUSED: " + e.getMessage());
            return true;
        }
        ValidationReport report;
        DocumentFacts facts;
        try {
            facts = reader.read(bytes);
            report = new DocumentValidator(reader).validate(bytes);
        } catch (UnreadableDocumentException e) {
            out.println(file + ": REFUSED: " + e.getMessage());
            return true;
        }
        DocumentType type = report.type();
        if (target.isPresent() && type != DocumentType.UNKNOWN && !target.get().kind().sends(type)) {
            out.println(file + ": REFUSED: a " + target.get().kind().configName() + " integration does not send "
                    + type.label() + " documents");
            return true;
        }
        boolean noKey = type != DocumentType.UNKNOWN && facts.businessKey().isEmpty();
        List<Problem> shown = mode == ValidationMode.ENFORCE ? report.problems()
                : report.travelling(ValidationMode.WARN);
        boolean refuses = report.refuses(mode) || noKey;
        int errors = (int) shown.stream().filter(p -> p.severity() == Severity.ERROR).count();
        int warnings = shown.size() - errors;
        String verdict = refuses ? "REFUSED (the connector would put it in failed/ and send nothing)"
                : shown.isEmpty() ? "OK" : "OK with warnings (it would be sent; the warnings go with its record)";
        out.println(file + ": " + type.label() + ", " + count(errors, "ERROR") + ", " + count(warnings, "WARNING")
                + ": " + verdict);
        if (noKey && mode != ValidationMode.ENFORCE) {
            out.println("  the document does not name its order: it is refused in every validation mode");
        }
        for (Problem p : shown) {
            out.println("  " + p.describe());
        }
        return refuses;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
