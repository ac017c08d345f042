package io.jakamoconnector.app.cli;

import io.jakamoconnector.sandbox.SandboxMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the local Entra ID and Jakamo simulator until stopped, writing its trust material and a ready connector
 * configuration. The sandbox parses its own options ({@code jakamo-connector sandbox --help} lists them).
 */
@Command(name = "sandbox", description = {"Runs a local Entra ID and Jakamo API (for trials and tests) until stopped, "
        + "and writes a ready-to-use configuration for it.", "Options: --dir DIR (default ./sandbox), --entra-port N, "
        + "--api-port N, --supplier-delay SECONDS, ... (see: jakamo-connector sandbox --help)."})
final class SandboxCommand implements Callable<Integer> {

    @CommandLine.Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SandboxMain.main(arguments.toArray(String[]::new));
        return ExitCodes.OK;
    }
}
