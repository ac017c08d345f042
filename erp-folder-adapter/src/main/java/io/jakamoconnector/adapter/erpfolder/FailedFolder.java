package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.port.out.ErpFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what {@code failed/} holds of a dropped file: the files named as the original or as archiving renames it
 * ({@link ArchiveNames}), never their error, marker or sidecar files.
 */
final class FailedFolder {
    private static final Logger LOG = LoggerFactory.getLogger(FailedFolder.class);

    private final int maxDocumentBytes;

    FailedFolder(int maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * The files of failed/ named {@code original} or as archiving renames it, with their bytes as they are now. A file
     * larger than an XML document may be is left out (it could not be sent anyway).
     */
    List<ErpFile> read(ErpFolders folders, ErpDocumentRef ref, String original) {
        List<ErpFile> files = new ArrayList<>();
        for (Path candidate : candidates(folders, original)) {
            if (!ArchiveNames.isCandidateFor(original, candidate.getFileName().toString())) {
                continue;
            }
            // opened without following links, and read no further than a document may be: whoever may write in
            // failed/ cannot make the connector read (and send) another file through a link put there meanwhile
            try (SeekableByteChannel channel = Files.newByteChannel(candidate, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS)) {
                if (channel.size() <= maxDocumentBytes) {
                    ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
                    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                        // until full, or the file turned out shorter
                    }
                    files.add(ErpFile.document(ref, candidate.getFileName().toString(),
                            Arrays.copyOf(buffer.array(), buffer.position())));
                }
            } catch (NoSuchFileException e) {
                LOG.debug("{} went away meanwhile", candidate);
            } catch (IOException e) {
                throw AccessFailures.of("read", candidate, e);
            }
        }
        return List.copyOf(files);
    }

    /** The file of failed/ holding exactly the bytes {@code read}, named {@code original} or as archiving renames it. */
    static Optional<Path> find(ErpFolders folders, String original, Sha256 read) {
        for (Path candidate : candidates(folders, original)) {
            try {
                if (DurableFiles.sha256Of(candidate).equals(read)) {
                    return Optional.of(candidate);
                }
            } catch (NoSuchFileException e) {
                LOG.debug("{} went away meanwhile", candidate);
            } catch (IOException e) {
                throw AccessFailures.of("read back", candidate, e);
            }
        }
        return Optional.empty();
    }

    /** The files of failed/ named {@code original} or as archiving renames it, by name. */
    private static List<Path> candidates(ErpFolders folders, String original) {
        Path dir = folders.failedDir();
        int dot = original.lastIndexOf('.');
        String stem = dot > 0 ? original.substring(0, dot) : original;
        List<Path> candidates;
        try (var files = Files.list(dir)) {
            candidates = files.filter(f -> {
                String name = f.getFileName().toString();
                return (name.equals(original) || name.startsWith(stem + ".")) && !name.endsWith(
                        DropFolderRules.ERROR_SUFFIX) && !name.endsWith(DropFolderRules.MARKER_SUFFIX)
                        && !name.endsWith(DropFolderRules.SIDECAR_SUFFIX)
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS);
            }).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw AccessFailures.of("look for an earlier copy in", dir, e);
        }
        return candidates;
    }
}
