/** Injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injection token for the structured logger. */
export const APP_LOGGER = Symbol('APP_LOGGER');
