package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.adapter.persistence.AuditRows.Head;
import io.jakamoconnector.domain.model.audit.AuditChain;
import io.jakamoconnector.domain.model.audit.AuditCoverage;
import io.jakamoconnector.domain.model.audit.AuditHorizon;
import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Removes audit events an export holds, by the domain's rule ({@link AuditChain#planPrune}): only after the whole
 * trail verifies, only up to a signed checkpoint, and only when an export this database recorded ({@code
 * audit_export}, with a valid signature) holds every event older than the date. The removal itself is the database
 * function {@code audit_prune} (V14), the one way past the append-only trigger.
 */
final class AuditPruner {
    private static final HexFormat HEX = AuditRows.HEX;
    private static final Pattern LINE = Pattern.compile("^\\{\"seq\":(\\d{1,18}),.*\"hash\":\"([0-9a-f]{64})\"}$");

    private final PostgresDatabase database;
    private final AuditSigningKey key;
    private final Clock clock;
    private final AuditChainVerifier verifier;

    AuditPruner(PostgresDatabase database, AuditSigningKey key, Clock clock, AuditChainVerifier verifier) {
        this.database = Objects.requireNonNull(database, "database");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * Checks the export file first: its last line is a checkpoint signed by this installation's key, and it holds
     * every event from the trail's first kept one up to that checkpoint, unfiltered, ending with the signed hash.
     */
    AuditPruneOutcome pruneCoveredBy(Instant before, Path export) throws IOException {
        String name = export.getFileName().toString();
        Optional<AuditCheckpoint> signed = AuditExportFile.checkpoint(export);
        if (signed.isEmpty()) {
            return new AuditPruneOutcome.Refused(export + " is not a complete audit export: its last line is not a "
                    + "signed checkpoint");
        }
        AuditCheckpoint checkpoint = signed.get();
        Optional<String> bad = AuditCheckpointSigner.problemWith(key, checkpoint);
        if (bad.isPresent()) {
            return new AuditPruneOutcome.Refused("the export " + name + " cannot vouch for anything: " + bad.get());
        }
        long first = horizon().map(AuditHorizon::firstKept).orElse(1L);
        long expected = first;
        String lastHash = null;
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                long seq = Long.parseLong(m.group(1));
                if (seq < first || seq > checkpoint.seq()) {
                    continue;
                }
                if (seq != expected) {
                    return new AuditPruneOutcome.Refused("the export " + name + " does not hold event " + expected
                            + " (was it filtered with --since, --until or --integration?): export everything with "
                            + "'jakamo-connector audit export --output FILE' and prune with that file");
                }
                lastHash = m.group(2);
                expected++;
            }
        }
        if (expected <= checkpoint.seq() || !checkpoint.hashHex().equals(lastHash)) {
            return new AuditPruneOutcome.Refused("the export " + name + " does not hold every event up to its signed "
                    + "head (event " + checkpoint.seq() + "): it was cut short or edited; export again with "
                    + "'jakamo-connector audit export --output FILE'");
        }
        return prune(before, new AuditCoverage(name, checkpoint.seq(), checkpoint.hashHex()));
    }

    AuditPruneOutcome prune(Instant asked, AuditCoverage coverage) {
        // the database keeps microseconds: a horizon read back must equal the one returned
        Instant before = Objects.requireNonNull(asked, "before").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(coverage, "coverage");
        AuditVerification verified = verifier.verifyInDetail(Optional.empty()).result();
        if (verified instanceof AuditVerification.Broken broken) {
            return new AuditPruneOutcome.Refused("the audit trail does not verify from event "
                    + broken.firstBadSequence() + " (" + broken.reason() + "), so nothing was removed: run "
                    + "'jakamo-connector audit verify' and keep the database as evidence");
        }
        try {
            return database.jdbi().inTransaction(h -> prune(h, before, coverage));
        } catch (JdbiException e) {
            throw SqlFailures.translate("pruning the audit trail", e);
        }
    }

    private AuditPruneOutcome prune(Handle h, Instant before, AuditCoverage coverage) {
        Head head = AuditRows.lockHead(h);
        Optional<AuditCheckpoint> export = h.createQuery("SELECT seq, hash, signed_at, key_id, signature FROM "
                        + "audit_export WHERE seq = :seq AND hash = :hash ORDER BY signed_at DESC")
                .bind("seq", coverage.headSeq()).bind("hash", HEX.parseHex(coverage.headHash()))
                .map(AuditRows::checkpointRow).stream()
                .filter(c -> AuditCheckpointSigner.problemWith(key, c).isEmpty()).findFirst();
        if (export.isEmpty()) {
            return new AuditPruneOutcome.Refused("no audit export signed at event " + coverage.headSeq() + " by this "
                    + "installation is recorded in this database, so " + coverage.source() + " cannot be taken as "
                    + "one: run 'jakamo-connector audit export --output FILE' and prune with that file");
        }
        Optional<AuditHorizon> current = horizon(h);
        long from = current.map(AuditHorizon::lastRemoved).orElse(0L);
        Long firstYoung = h.createQuery("SELECT min(seq) FROM audit_event WHERE ts >= :before")
                .bind("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC)).mapTo(Long.class).one();
        long lastOld = Math.max(from, firstYoung == null ? head.seq() : firstYoung - 1);
        TreeSet<Long> restartPoints = new TreeSet<>(h.createQuery("SELECT seq FROM audit_checkpoint WHERE seq > "
                + ":from AND seq <= :to").bind("from", from).bind("to", lastOld).mapTo(Long.class).list());
        restartPoints.add(export.get().seq());
        AuditPruneOutcome plan = AuditChain.planPrune(before, clock.instant().truncatedTo(ChronoUnit.MICROS), coverage, current, head.seq(),
                lastOld, restartPoints, seq -> h.createQuery("SELECT hash FROM audit_event WHERE seq = :seq")
                        .bind("seq", seq).mapTo(byte[].class).findOne().map(HEX::formatHex));
        if (!(plan instanceof AuditPruneOutcome.Pruned pruned)) {
            return plan;
        }
        AuditHorizon horizon = pruned.horizon();
        AuditCheckpoint signed = export.get();
        // the export's own signed head may be where the chain restarts: keep it as a checkpoint there
        h.createUpdate("INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature) VALUES (:seq, :hash, "
                        + ":signedAt, :keyId, :signature) ON CONFLICT (seq) DO NOTHING")
                .bind("seq", signed.seq()).bind("hash", HEX.parseHex(signed.hashHex()))
                .bind("signedAt", OffsetDateTime.ofInstant(signed.signedAt(), ZoneOffset.UTC))
                .bind("keyId", signed.keyId()).bind("signature", signed.signature()).execute();
        long removed = h.createQuery("SELECT audit_prune(:last, :before, :prunedAt, :coveredBy, :exportSeq, "
                        + ":exportHash, :exportSignedAt, :exportKeyId, :exportSignature)")
                .bind("last", horizon.lastRemoved())
                .bind("before", OffsetDateTime.ofInstant(horizon.before(), ZoneOffset.UTC))
                .bind("prunedAt", OffsetDateTime.ofInstant(horizon.prunedAt(), ZoneOffset.UTC))
                .bind("coveredBy", horizon.coveredBy())
                .bind("exportSeq", signed.seq()).bind("exportHash", HEX.parseHex(signed.hashHex()))
                .bind("exportSignedAt", OffsetDateTime.ofInstant(signed.signedAt(), ZoneOffset.UTC))
                .bind("exportKeyId", signed.keyId()).bind("exportSignature", signed.signature())
                .mapTo(Long.class).one();
        return new AuditPruneOutcome.Pruned(horizon, removed);
    }

    /**
     * The newest export this database recorded whose signature checks out, as coverage for a scheduled prune
     * ({@code retention.auditDays}); empty when none was made.
     */
    Optional<AuditCoverage> newestRecordedExport() {
        try {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT seq, hash, signed_at, key_id, signature FROM "
                            + "audit_export ORDER BY seq DESC, signed_at DESC LIMIT 20")
                    .map(AuditRows::checkpointRow).stream()
                    .filter(c -> AuditCheckpointSigner.problemWith(key, c).isEmpty()).findFirst()
                    .map(c -> new AuditCoverage("the audit export signed at " + c.signedAt() + " (up to event "
                            + c.seq() + ")", c.seq(), c.hashHex())));
        } catch (JdbiException e) {
            throw SqlFailures.translate("reading the recorded audit exports", e);
        }
    }

    /** When the oldest event still in the trail was written; empty when it holds none. */
    Optional<Instant> oldestKept() {
        try {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT min(ts) FROM audit_event")
                    .mapTo(OffsetDateTime.class).findOne().map(OffsetDateTime::toInstant));
        } catch (JdbiException e) {
            throw SqlFailures.translate("reading the audit trail's oldest event", e);
        }
    }

    Optional<AuditHorizon> horizon() {
        try {
            return database.jdbi().withHandle(AuditPruner::horizon);
        } catch (JdbiException e) {
            throw SqlFailures.translate("reading the audit trail's horizon", e);
        }
    }

    static Optional<AuditHorizon> horizon(Handle h) {
        return horizonRow(h).map(HorizonRow::horizon);
    }

    /** The newest horizon with the export checkpoint it was recorded with. */
    record HorizonRow(AuditHorizon horizon, AuditCheckpoint export) {
    }

    static Optional<HorizonRow> horizonRow(Handle h) {
        return h.createQuery("SELECT last_removed, last_removed_hash, before_ts, pruned_at, covered_by, export_seq, "
                        + "export_hash, export_signed_at, export_key_id, export_signature FROM audit_horizon "
                        + "ORDER BY last_removed DESC LIMIT 1")
                .map((rs, ctx) -> new HorizonRow(new AuditHorizon(rs.getLong(1), HEX.formatHex(rs.getBytes(2)),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getLong(6)),
                        new AuditCheckpoint(rs.getLong(6), HEX.formatHex(rs.getBytes(7)),
                                rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getString(9), rs.getBytes(10))))
                .findOne();
    }
}
