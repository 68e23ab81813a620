export * from './local-key.js';
export * from './token-verifier.js';
