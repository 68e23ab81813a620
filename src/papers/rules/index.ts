/** The rules of council papers: pure functions, no I/O, no clock. */
export * from './paper.types.js';
export * from './reference.js';
export * from './bodies.js';
export * from './paper-rules.js';
export * from './paper-events.js';
export * from './oparl.js';
