package io.jakamoconnector.adapter.auth;

import com.microsoft.aad.msal4j.IClientCredential;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A credential read and parsed, ready for MSAL, with the non-secret facts about it that logs, messages and the audit
 * trail may carry.
 *
 * @param material fingerprint of the raw bytes it was read from: a change means the secret was rotated
 * @param keyId what the audit trail calls it: {@code secret:<fingerprint>} or {@code certificate:sha256:<thumbprint>}
 * @param looksLikeSecretId the client secret has the form of a GUID, which is what a secret's ID looks like
 * @param secret the client secret, kept only to scrub it from foreign error texts; null for certificates
 */
record LoadedCredential(IClientCredential msal, String kind, Fingerprint material, String keyId,
                        boolean looksLikeSecretId, X509Certificate certificate, String sha256Thumbprint,
                        String sha1Thumbprint, SecretValue secret) {

    boolean isCertificate() {
        return certificate != null;
    }

    Instant certificateNotAfter() {
        return certificate == null ? null : certificate.getNotAfter().toInstant();
    }

    @Override
    public String toString() {
        return "LoadedCredential[" + kind + ", " + keyId + "]";
    }
}
