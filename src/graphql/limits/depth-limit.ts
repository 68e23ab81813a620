import { GraphQLError, Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { checkLimit, fragmentMeasure, INTROSPECTION_ROOTS } from './fragments.js';

/** `{ a { b } }` has depth 2; fragments add the depth of their fields where they are spread. */
export function depthLimitRule(maxDepth: number): ValidationRule {
  checkLimit('maxDepth', maxDepth);
  return (context) => {
    const depthOf = (set: SelectionSetNode | undefined): number => {
      let max = 0;
      for (const selection of set?.selections ?? []) {
        const depth =
          selection.kind === Kind.FIELD
            ? INTROSPECTION_ROOTS.has(selection.name.value)
              ? 0
              : 1 + depthOf(selection.selectionSet)
            : selection.kind === Kind.INLINE_FRAGMENT
              ? depthOf(selection.selectionSet)
              : fragmentDepth(selection.name.value);
        max = Math.max(max, depth);
      }
      return max;
    };
    const fragmentDepth = fragmentMeasure(context, (fragment) => depthOf(fragment.selectionSet), 0);

    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet);
        if (depth <= maxDepth) return;
        context.reportError(
          new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_DEEP', depth, limit: maxDepth },
          }),
        );
      },
    };
  };
}
