package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.aad.msal4j.MsalServiceException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** Unwraps what MSAL's future throws. */
final class MsalErrors {
    private MsalErrors() {
    }

    static Throwable failure(Callable<?> call) {
        try {
            call.call();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected MSAL to fail");
    }

    static String code(Throwable failure) {
        assertThat(failure).isInstanceOf(MsalServiceException.class);
        return ((MsalServiceException) failure).errorCode();
    }

    static Integer status(Throwable failure) {
        assertThat(failure).isInstanceOf(MsalServiceException.class);
        return ((MsalServiceException) failure).statusCode();
    }
}
