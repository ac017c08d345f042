package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.auth.CredentialSource;
import io.jakamoconnector.adapter.auth.MsalAccessTokenAdapter;
import io.jakamoconnector.adapter.auth.SecretReference;
import io.jakamoconnector.adapter.auth.SecretSources;
import io.jakamoconnector.adapter.auth.TokenClientSettings;
import io.jakamoconnector.adapter.auth.TokenRegistration;
import io.jakamoconnector.app.config.CertificateConfig;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.daemon.TokenPrefetch;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.service.AuditWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Tokens for every integration's app registration, audited; the sandbox's CA is trusted for sandbox integrations only. */
public final class AuthModule extends AbstractModule {

    @Provides
    @Singleton
    MsalAccessTokenAdapter tokens(ConnectorConfig config, AuditWriter audit, Clock clock, Lifecycle lifecycle) {
        TokenClientSettings.Builder settings = TokenClientSettings.defaults().toBuilder()
                .longestRetryAfter(config.service().retry().longestRetryAfter());
        // the sandbox's CA for sandbox registrations only: demo and production keep the JDK's trust
        config.sandbox().ifPresent(sandbox -> settings.sandboxSslSocketFactory(
                SandboxTrust.withSandboxCertificate(sandbox.caCertificate()).getSocketFactory()));
        List<TokenRegistration> registrations = config.integrations().stream().map(AuthModule::registration).toList();
        MsalAccessTokenAdapter adapter = new MsalAccessTokenAdapter(registrations, settings.build(),
                SecretSources.system(), audit, clock);
        lifecycle.add(Lifecycle.Resource.of(adapter::start, adapter::close));
        return adapter;
    }

    @Provides
    @Singleton
    AccessTokenPort accessTokens(MsalAccessTokenAdapter adapter) {
        return adapter;
    }

    /**
     * {@code run}'s first tokens, asked for while the database starts; their audit events wait for it in the started
     * trail's hold ({@link StartedAuditTrail}). Asks the adapter itself, so the Jakamo adapter's token metrics count
     * only what the loops ask.
     */
    @Provides
    @Singleton
    TokenPrefetch prefetch(MsalAccessTokenAdapter adapter, ConnectorConfig config) {
        return new TokenPrefetch(adapter, config.integrations().stream().map(IntegrationConfig::name).toList());
    }

    static TokenRegistration registration(IntegrationConfig integration) {
        return new TokenRegistration(integration.name(), integration.environment(), integration.clientId(),
                credential(integration));
    }

    private static CredentialSource credential(IntegrationConfig integration) {
        if (integration.clientSecret().isPresent()) {
            return CredentialSource.clientSecret(reference(integration.clientSecret().get()));
        }
        CertificateConfig certificate = integration.clientCertificate().orElseThrow(() -> new IllegalStateException(
                "the configuration loader lets no integration without a credential through"));
        if (certificate.pkcs12().isPresent()) {
            return CredentialSource.pkcs12(reference(certificate.pkcs12().get()),
                    certificate.password().map(AuthModule::reference).orElse(null));
        }
        return CredentialSource.pem(reference(certificate.privateKeyPem().orElseThrow()),
                certificate.certificatePem().map(Path::of).orElse(null));
    }

    /** The auth adapter's reader for a reference from the configuration; doctor reads the old basic password with it. */
    public static SecretReference reference(io.jakamoconnector.app.config.SecretReference ref) {
        return switch (ref.kind()) {
            case FILE -> SecretReference.file(Path.of(ref.name()));
            case CREDENTIAL -> SecretReference.systemdCredential(ref.name());
            case ENV -> SecretReference.environment(ref.name());
        };
    }
}
