package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.adapter.erpfolder.StabilityTracker.Fingerprint;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file in a drop folder as one scan saw it: {@code ref} is its path below {@code to_jakamo/}, {@code marked} whether
 * its {@code .done} marker was there, {@code sidecar} its {@code .order} file (attachments only; null when none).
 */
record DroppedFile(Path path, String ref, String fileName, boolean attachment, BasicFileAttributes attributes,
                   boolean marked, Path sidecar, Fingerprint fingerprint) {

    String kind() {
        return attachment ? "attachment" : "document";
    }
}
