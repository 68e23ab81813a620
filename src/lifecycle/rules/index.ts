/** The lifecycle rules of target agreements: pure functions over a recorded history, no I/O, no clock. */
export * from './lifecycle.types.js';
export * from './errors.js';
export * from '../../common/dates.js';
export { effectiveSignatures, freezeDate, isActiveOn, knownSince, signaturesOfVersion } from './history.js';
export * from './transitions.js';
export * from './status.js';
export * from './events.js';
