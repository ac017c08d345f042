package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weakness 14 of Jakamo's connector, a double install: a second installation with a database of its own (here a
 * second embedded default, as a copied VM or a second unpacked release would have) pointed at the same ERP folders is
 * refused before it picks up or delivers anything, with what to do; the first goes on working.
 */
class FolderOwnershipIT {
    @TempDir
    Path dir;

    @Test
    void aSecondInstallationWithItsOwnDatabaseIsRefusedTheFirstInstallationsFolders() throws Exception {
        try (SandboxBed bed = new SandboxBed(dir, "")) {
            Path first = bed.files.configFile();
            Path second = dir.resolve("second.yml");
            Files.writeString(second, Files.readString(first).replaceFirst("(?m)^dataDirectory: .*$",
                    "dataDirectory: \"" + dir.resolve("second-data") + "\""));

            Cli.Run claimed = Cli.withConfig(first, "sync", "--once");
            assertThat(claimed.code()).as(claimed.out() + claimed.err()).isZero();

            bed.dropOrder("PO-4242");
            Cli.Run refused = Cli.withConfig(second, "sync", "--once");
            String said = refused.out() + refused.err();
            assertThat(refused.code()).as(said).isNotZero();
            assertThat(said).contains("belong to another jakamo-connector installation")
                    .contains("Point this instance at that installation's database");
            assertThat(bed.journal().timesAccepted("Order", "PO-4242")).as("nothing sent by the intruder").isZero();
            assertThat(bed.files("to_jakamo")).as("nothing picked up").hasSize(1);

            Cli.Run again = Cli.withConfig(first, "sync", "--once");
            assertThat(again.code()).as(again.out() + again.err()).isZero();
            assertThat(bed.journal().timesAccepted("Order", "PO-4242")).isEqualTo(1);
        }
    }
}
