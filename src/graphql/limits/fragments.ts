import type { ValidationContext } from 'graphql';

/** Fields whose results are bounded by the schema, not by data; graphql's MaxIntrospectionDepthRule guards their nesting. */
export const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Measures each named fragment once: re-walking a fragment per spread makes nested spreads
 * exponential, and a cycle (reported by NoFragmentCycles) would recurse forever.
 */
export function fragmentMeasure<T>(
  context: ValidationContext,
  measure: (fragment: NonNullable<ReturnType<ValidationContext['getFragment']>>) => T,
  onCycle: T,
): (name: string) => T {
  const known = new Map<string, T>();
  const inProgress = new Set<string>();
  return (name) => {
    if (known.has(name)) return known.get(name)!;
    const fragment = context.getFragment(name);
    if (!fragment || inProgress.has(name)) return onCycle;
    inProgress.add(name);
    const value = measure(fragment);
    inProgress.delete(name);
    known.set(name, value);
    return value;
  };
}

export function checkLimit(name: string, limit: number): void {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${limit}`);
}
