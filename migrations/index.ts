import { VersionStore1764000000000 } from './1764000000000-VersionStore.js';

/** Every migration in order; listed here so ESM builds need no file globbing. */
export const migrations = [VersionStore1764000000000];
