package io.jakamoconnector.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The absolute paths a systemd unit needs to exist: its program, working directory and writable paths. */
final class UnitPaths {
    private UnitPaths() {
    }

    static List<String> named(Path unit) throws IOException {
        List<String> paths = new ArrayList<>();
        for (String line : Files.readAllLines(unit)) {
            if (line.startsWith("ExecStart=")) {
                paths.add(line.substring("ExecStart=".length()).split(" ")[0]);
            } else if (line.startsWith("WorkingDirectory=")) {
                paths.add(line.substring("WorkingDirectory=".length()));
            } else if (line.startsWith("ReadWritePaths=")) {
                paths.addAll(List.of(line.substring("ReadWritePaths=".length()).split(" ")));
            }
        }
        if (paths.size() < 3) {
            throw new AssertionError(unit + " names no ExecStart=, WorkingDirectory= or ReadWritePaths=: " + paths);
        }
        return paths;
    }
}
