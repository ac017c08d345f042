package io.jakamoconnector.app.cli;

/** Exit codes, after sysexits.h, so scripts and systemd can tell failures apart. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A check found something to fix. */
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;
    /** The configuration is wrong (EX_CONFIG). */
    public static final int CONFIG = 78;
    /** The data is not what it should be, e.g. the audit trail was changed (EX_DATAERR). */
    public static final int DATA = 65;
    /** A file could not be written (EX_IOERR). */
    public static final int IO = 74;
    /** A service the connector needs is unavailable (EX_UNAVAILABLE). */
    public static final int UNAVAILABLE = 69;
    /** A bug (EX_SOFTWARE). */
    public static final int SOFTWARE = 70;

    private ExitCodes() {
    }
}
