package io.jakamoconnector.sandbox;

/**
 * What an application gets from Entra before Jakamo's administrators approved it (or within the activation delay
 * after approval). Which one the real service does is not documented.
 */
public enum NotApprovedBehaviour {
    /** Token request fails: 400 {@code unauthorized_client}, AADSTS7000112 "Application … is disabled". The default. */
    DISABLED_APP_ERROR,
    /** A token without {@code roles} is issued; every Jakamo endpoint then answers 403. */
    TOKEN_WITHOUT_ROLES
}
