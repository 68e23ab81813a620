export { aliasLimitRule } from './alias-limit.js';
export { complexityLimitRule, DOCUMENT_FIELD_COST } from './complexity-limit.js';
export { depthLimitRule } from './depth-limit.js';
export { querySizeLimit } from './query-size-limit.js';
