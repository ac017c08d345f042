package io.jakamoconnector.domain.port.out;

/** Where a handled ERP file goes. */
public sealed interface ArchiveVerdict {

    /** Sent: into the processed archive. */
    record Processed() implements ArchiveVerdict {
    }

    /** Not sent: into the failed archive, with what happened and what to do, in words for the ERP team. */
    record Failed(String whatHappened, String whatToDo) implements ArchiveVerdict {
    }
}
