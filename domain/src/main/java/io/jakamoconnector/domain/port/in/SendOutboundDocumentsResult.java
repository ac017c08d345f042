package io.jakamoconnector.domain.port.in;

/** What one sending round did. {@code inDoubt} counts documents found or left in doubt: they need a person. */
public record SendOutboundDocumentsResult(int sent, int failed, int deferred, int dead, int inDoubt, int archived) {
}
