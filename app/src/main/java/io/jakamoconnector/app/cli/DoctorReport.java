package io.jakamoconnector.app.cli;

import java.io.PrintWriter;

/** Doctor's lines, aligned, and the summary: OK, WARN (worth knowing, not failing) or FAIL with the fix. */
final class DoctorReport {
    private final PrintWriter out;
    private int failures;

    DoctorReport(PrintWriter out) {
        this.out = out;
    }

    void ok(String check, String detail) {
        out.printf("[ OK ] %-14s %s%n", check, detail);
    }

    void warn(String check, String detail) {
        out.printf("[WARN] %-14s %s%n", check, detail);
    }

    void fail(String check, String what, String fix) {
        failures++;
        out.printf("[FAIL] %-14s %s%n", check, what.replace("\n", "\n                    "));
        out.printf("       %-14s fix: %s%n", "", fix);
    }

    int finish(int code) {
        out.println(failures == 0 ? "OK: the connector is ready." : failures + " problem(s) to fix; see above.");
        out.flush();
        return failures == 0 ? ExitCodes.OK : code == ExitCodes.OK ? ExitCodes.PROBLEMS : code;
    }
}
