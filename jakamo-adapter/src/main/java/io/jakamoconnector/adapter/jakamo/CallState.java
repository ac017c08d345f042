package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.auth.AccessToken;

/** What one call has learned across its requests. */
final class CallState {
    final JakamoCall call;
    final String id;
    AccessToken token;
    boolean renewed;
    boolean mayHaveArrived;
    int requests;

    CallState(JakamoCall call, String id) {
        this.call = call;
        this.id = id;
    }
}
