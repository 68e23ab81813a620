import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { checkLimit, fragmentMeasure, INTROSPECTION_ROOTS } from './fragments.js';

const PAGE_ARGUMENTS = new Set(['limit', 'first']);

/**
 * The cost of a field that holds a whole document (its YAML, its parsed content, a diff of two): a list of them
 * answered 259 MiB for a few aliases. Set as `complexity` on the field; any number there is the field's own cost.
 */
export const DOCUMENT_FIELD_COST = 100;

/**
 * A static upper bound on the work a query asks for: each field costs 1 (or its `complexity`), and a list field
 * multiplies its selection by its page size, else by listFactor. A page size is the literal `limit`/`first` of the
 * list field or of the page object around it, else that argument's declared default; a variable could be up to
 * maxPageSize. Every spread and inline fragment is counted, so the bound errs high.
 */
export function complexityLimitRule(maxComplexity: number, options: { listFactor?: number; maxPageSize?: number } = {}): ValidationRule {
  checkLimit('maxComplexity', maxComplexity);
  const listFactor = options.listFactor ?? 10;
  checkLimit('listFactor', listFactor);
  const maxPageSize = options.maxPageSize ?? listFactor;
  checkLimit('maxPageSize', maxPageSize);

  return (context) => {
    const schema = context.getSchema();
    const pageSizeOf = (node: FieldNode, def: GraphQLField<unknown, unknown> | undefined): number | undefined => {
      const arg = node.arguments?.find((a) => PAGE_ARGUMENTS.has(a.name.value));
      if (arg) {
        const n = arg.value.kind === Kind.INT ? Number(arg.value.value) : -1;
        // A negative size may mean "no limit" to a resolver; a variable could be anything the resolver allows.
        return n >= 0 ? n : maxPageSize;
      }
      const declared = def?.args.find((a) => PAGE_ARGUMENTS.has(a.name))?.defaultValue;
      return typeof declared === 'number' ? declared : undefined;
    };
    // Unknown fields and types are FieldsOnCorrectTypeRule's business; here they just cost 1 each.
    // `pageSize` is that of the page object whose selection this is: its list fields take it as multiplier.
    const costOf = (set: SelectionSetNode | undefined, type: GraphQLNamedType | undefined, pageSize?: number): number => {
      let total = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
          const def = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
          const own = typeof def?.extensions?.complexity === 'number' ? def.extensions.complexity : 1;
          const paged = pageSizeOf(selection, def);
          const isList = def !== undefined && isListType(getNullableType(def.type));
          const multiplier = isList ? (paged ?? pageSize ?? listFactor) : 1;
          total += own + multiplier * costOf(selection.selectionSet, def && getNamedType(def.type), isList ? undefined : paged);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
          total += costOf(selection.selectionSet, condition ?? undefined, pageSize);
        } else {
          total += fragmentCost(pageSize)(selection.name.value);
        }
      }
      return total;
    };
    // A fragment on a page object costs according to the page size where it is spread, so it is measured per size.
    const measures = new Map<number | undefined, (name: string) => number>();
    const fragmentCost = (pageSize: number | undefined) => {
      let measure = measures.get(pageSize);
      if (!measure) {
        measure = fragmentMeasure(context, (f) => costOf(f.selectionSet, schema.getType(f.typeCondition.name.value), pageSize), 0);
        measures.set(pageSize, measure);
      }
      return measure;
    };

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
