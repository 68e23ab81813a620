import { GraphQLError, type FieldNode, type ValidationRule } from 'graphql';
import { checkLimit } from './fragments.js';

/**
 * Counts aliases as written, not per spread: repeating a spread at one level cannot repeat a
 * field (equal response keys merge), so only written aliases batch calls; nesting is the
 * complexity rule's business.
 */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  checkLimit('maxAliases', maxAliases);
  return (context) => {
    const aliased: FieldNode[] = [];
    return {
      Field(node) {
        if (node.alias) aliased.push(node);
      },
      Document: {
        leave() {
          if (aliased.length <= maxAliases) return;
          context.reportError(
            new GraphQLError(`query uses ${aliased.length} aliases, more than the limit of ${maxAliases}`, {
              nodes: aliased.slice(maxAliases, maxAliases + 1),
              extensions: { code: 'TOO_MANY_ALIASES', aliases: aliased.length, limit: maxAliases },
            }),
          );
        },
      },
    };
  };
}
