package com.bank.auth.bff.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.common.telemetry.OutboundCalls;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;

import io.quarkus.runtime.StartupEvent;

/**
 * Keycloak as the Nimbus OAuth 2.0/OIDC SDK sees it: discovery metadata, the BFF's client authentication, validators
 * for ID tokens and logout tokens that take keys only from the realm's JWKS, and {@link #send} for every back-channel
 * call. Every call to Keycloak has the time budget {@code bff.oidc.connect-timeout} / {@code bff.oidc.read-timeout}
 * (Nimbus has none by default), so a hung Keycloak gives a 503 within seconds, never a hang.
 * <p>
 * Discovery is fetched in the background at start and cached; until it is there, a request waits for the one fetch in
 * flight for at most the budget. No lock is held while Keycloak is asked, so one hung connection never freezes the
 * other logins, logouts and refreshes of this replica.
 */
@ApplicationScoped
public class OidcProvider {

    private static final Logger LOG = Logger.getLogger(OidcProvider.class);

    private final BffConfig.Oidc config;
    private final OutboundCalls outbound;
    private final AtomicReference<Resolved> resolved = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Resolved>> inFlight = new AtomicReference<>();

    record Resolved(OIDCProviderMetadata metadata, IDTokenValidator idTokens, LogoutTokenValidator logoutTokens) {
    }

    OidcProvider(BffConfig config, OutboundCalls outbound) {
        this.config = config.oidc();
        this.outbound = outbound;
    }

    /** Discovery starts at boot, in the background: the first login does not pay for it, and a down Keycloak does not stop the start. */
    void onStart(@Observes StartupEvent start) {
        discover();
    }

    public OIDCProviderMetadata metadata() {
        return resolve().metadata();
    }

    public IDTokenValidator idTokens() {
        return resolve().idTokens();
    }

    public LogoutTokenValidator logoutTokens() {
        return resolve().logoutTokens();
    }

    public ClientID clientId() {
        return new ClientID(config.clientId());
    }

    public ClientSecretBasic clientAuthentication() {
        return new ClientSecretBasic(clientId(), new Secret(config.clientSecret()));
    }

    /**
     * An endpoint the BFF calls from its back channel. Keycloak (hostname-backchannel-dynamic) already names token, PAR
     * and JWKS under the address discovery used; the end-session endpoint stays a browser URL, so it is moved to the
     * back-channel address too (inside Kubernetes the public URL is not reachable from the BFF's network policy).
     */
    public URI backChannel(URI endpoint) {
        String issuer = config.issuer();
        String url = endpoint.toString();
        return config.backchannelUrl().filter(backchannel -> url.startsWith(issuer + "/"))
                .map(backchannel -> URI.create(backchannel + url.substring(issuer.length()))).orElse(endpoint);
    }

    public Issuer issuer() {
        return new Issuer(config.issuer());
    }

    /**
     * Sends a back-channel request to Keycloak within the time budget, traced and timed as {@code operation}
     * ({@code bank_outbound_seconds{peer="keycloak"}}).
     */
    public HTTPResponse send(String operation, HTTPRequest request) throws IOException {
        request.setConnectTimeout(millis(config.connectTimeout()));
        request.setReadTimeout(millis(config.readTimeout()));
        return outbound.call("keycloak", operation, request.getMethod().name(), request.getURI(), request::setHeader,
                HTTPResponse::getStatusCode, request::send);
    }

    private Resolved resolve() {
        Resolved current = resolved.get();
        if (current != null) {
            return current;
        }
        try {
            return discover().get(config.connectTimeout().plus(config.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OidcUnavailableException("Keycloak discovery did not answer in time", e);
        } catch (ExecutionException e) {
            throw new OidcUnavailableException("Keycloak discovery failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcUnavailableException("interrupted", e);
        }
    }

    /** The one discovery in flight, or a new one if none is (single flight, no lock held while Keycloak answers). */
    private CompletableFuture<Resolved> discover() {
        CompletableFuture<Resolved> running = inFlight.get();
        if (running != null) {
            return running;
        }
        CompletableFuture<Resolved> mine = new CompletableFuture<>();
        if (!inFlight.compareAndSet(null, mine)) {
            return inFlight.get();
        }
        CompletableFuture.runAsync(() -> {
            try {
                Resolved fetched = fetch();
                resolved.set(fetched);
                mine.complete(fetched);
            } catch (RuntimeException e) {
                LOG.warnf("Keycloak discovery failed: %s", e.getMessage());
                mine.completeExceptionally(e);
            } finally {
                inFlight.compareAndSet(mine, null);
            }
        });
        return mine;
    }

    private Resolved fetch() {
        try {
            // Discovery where the BFF reaches Keycloak; the metadata must still name the public issuer tokens carry.
            Issuer where = config.backchannelUrl().map(Issuer::new).orElse(issuer());
            HTTPResponse discovery = send("discovery", new HTTPRequest(HTTPRequest.Method.GET, OIDCProviderMetadata.resolveURL(where)));
            if (!discovery.indicatesSuccess()) {
                throw new GeneralException("discovery answered " + discovery.getStatusCode());
            }
            OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(discovery.getContentAsJSONObject());
            if (!issuer().equals(metadata.getIssuer())) {
                throw new GeneralException("discovery names another issuer: " + metadata.getIssuer());
            }
            URL jwks = metadata.getJWKSetURI().toURL();
            // The JWKS is fetched (and cached by Nimbus) within the same budget, traced like every Keycloak call.
            ResourceRetriever keys = new TracedJwksRetriever();
            // Keycloak signs with PS256 (realm default); no other algorithm is accepted.
            return new Resolved(metadata,
                    new IDTokenValidator(issuer(), clientId(), JWSAlgorithm.PS256, jwks, keys),
                    new LogoutTokenValidator(issuer(), clientId(), JWSAlgorithm.PS256, jwks, keys));
        } catch (GeneralException | IOException e) {
            throw new OidcUnavailableException("Keycloak discovery failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Nimbus' JWKS fetches as traced, timed calls (operation "jwks"): a fresh retriever per fetch carries its trace headers. */
    private final class TracedJwksRetriever implements ResourceRetriever {
        @Override
        public Resource retrieveResource(URL url) throws IOException {
            Map<String, List<String>> headers = new HashMap<>();
            return outbound.call("keycloak", "jwks", "GET", URI.create(url.toString()), (name, value) -> headers.put(name, List.of(value)),
                    resource -> 200, () -> {
                        DefaultResourceRetriever retriever = new DefaultResourceRetriever(millis(config.connectTimeout()), millis(config.readTimeout()));
                        retriever.setHeaders(headers);
                        return retriever.retrieveResource(url);
                    });
        }
    }

    private static int millis(java.time.Duration duration) {
        return (int) duration.toMillis();
    }
}
