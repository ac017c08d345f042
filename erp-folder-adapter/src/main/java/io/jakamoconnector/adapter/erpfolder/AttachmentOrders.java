package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.document.BusinessKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which order a dropped attachment is for: its {@code .order} sidecar's first line, else its name by the
 * {@link AttachmentNaming} in use; and, when it names none, how the ERP could have named one.
 */
final class AttachmentOrders {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentOrders.class);

    private final AttachmentNaming naming;

    AttachmentOrders(AttachmentNaming naming) {
        this.naming = naming;
    }

    Optional<BusinessKey> orderOf(DroppedFile file) {
        if (file.sidecar() != null) {
            try {
                byte[] content = DurableFiles.readSmall(file.sidecar(), DropFolderRules.MAX_SIDECAR_BYTES);
                if (content == null) {
                    LOG.warn("{} is larger than {} bytes, so it holds no order number", file.sidecar(),
                            DropFolderRules.MAX_SIDECAR_BYTES);
                    return Optional.empty();
                }
                return DropFolderRules.orderFromSidecar(new String(content, StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.warn("could not read {}: {}", file.sidecar(), e.toString());
                return Optional.empty();
            }
        }
        return DropFolderRules.orderFromName(file.fileName(), naming);
    }

    /** How this outbox would have learnt the attachment's order: said when it names none. */
    String noOrderAdvice(ErpFolders folders, DroppedFile file) {
        String separator = naming.separator();
        String name = file.fileName();
        String sidecar = name + DropFolderRules.SIDECAR_SUFFIX;
        String into = folders.toJakamo() + "/" + ErpFolders.ATTACHMENTS + "/";
        String rename = "rename it to <order>" + separator + name + " (for example PO-1001" + separator + name + ")";
        if (file.sidecar() != null) {
            return "the file " + sidecar + " next to it holds no usable order number on its first line (at most "
                    + DropFolderRules.MAX_SIDECAR_BYTES + " bytes, one order number): write the order number there, "
                    + "or " + rename + "; then drop both into " + into + " again, the .order file first";
        }
        return rename + ", or put a file " + sidecar + " next to it that holds the order number on its first "
                + "line (write the .order file before the attachment); then drop it into " + into + " again";
    }
}
