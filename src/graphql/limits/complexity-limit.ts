import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { checkLimit, fragmentMeasure, INTROSPECTION_ROOTS } from './fragments.js';

const PAGE_ARGUMENTS = new Set(['limit', 'first']);

/**
 * A static upper bound on the work a query asks for: each field costs 1, and a list field
 * multiplies its selection by its literal `limit`/`first`, else by listFactor (a variable
 * could be anything). Every spread and inline fragment is counted, so the bound errs high.
 */
export function complexityLimitRule(maxComplexity: number, options: { listFactor?: number } = {}): ValidationRule {
  checkLimit('maxComplexity', maxComplexity);
  const listFactor = options.listFactor ?? 10;
  checkLimit('listFactor', listFactor);

  return (context) => {
    const schema = context.getSchema();
    const multiplierOf = (field: FieldNode): number => {
      for (const arg of field.arguments ?? []) {
        if (PAGE_ARGUMENTS.has(arg.name.value) && arg.value.kind === Kind.INT) {
          const n = Number(arg.value.value);
          if (n >= 0) return n; // a negative size may mean "no limit" to a resolver
        }
      }
      return listFactor;
    };
    // Unknown fields and types are FieldsOnCorrectTypeRule's business; here they just cost 1 each.
    const costOf = (set: SelectionSetNode | undefined, type: GraphQLNamedType | undefined): number => {
      let total = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
          const fieldType = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value]?.type : undefined;
          const multiplier = fieldType && isListType(getNullableType(fieldType)) ? multiplierOf(selection) : 1;
          total += 1 + multiplier * costOf(selection.selectionSet, fieldType && getNamedType(fieldType));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          total += costOf(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type);
        } else {
          total += fragmentCost(selection.name.value);
        }
      }
      return total;
    };
    const fragmentCost = fragmentMeasure(context, (f) => costOf(f.selectionSet, schema.getType(f.typeCondition.name.value)), 0);

    return {
      OperationDefinition(node) {
        const rootType = schema.getRootType(node.operation) ?? undefined;
        const complexity = costOf(node.selectionSet, rootType);
        if (complexity <= maxComplexity) return;
        context.reportError(
          new GraphQLError(`query complexity ${complexity} exceeds the limit of ${maxComplexity}`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_COMPLEX', complexity, limit: maxComplexity },
          }),
        );
      },
    };
  };
}
