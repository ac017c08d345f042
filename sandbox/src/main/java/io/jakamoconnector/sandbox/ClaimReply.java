package io.jakamoconnector.sandbox;

/** How the simulated supplier answers a Claim or ClaimChange (the reply shape is the sandbox's assumption). */
public enum ClaimReply {
    ACCEPT,
    REJECT,
    NONE
}
