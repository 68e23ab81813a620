/** The lifecycle rules of target agreements: pure functions over a recorded history, no I/O, no clock. */
export * from './lifecycle.types.js';
export * from './errors.js';
export * from './dates.js';
export { effectiveSignatures, freezeDate, isActiveOn, knownSince } from './history.js';
export * from './rules.js';
export * from './status.js';
export * from './events.js';
