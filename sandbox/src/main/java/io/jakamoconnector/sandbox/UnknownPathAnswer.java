package io.jakamoconnector.sandbox;

/**
 * What a path the fake Jakamo does not know answers: a real server's front end may answer a wrong path with a bare 404,
 * which a client must not take for an empty queue.
 */
public enum UnknownPathAnswer {
    /** 404 with {@code <errors><error>No HTTP resource was found …</error></errors>}. The default. */
    ERRORS_BODY_404,
    /** 404 with an empty body. */
    EMPTY_404
}
