/**
 * Compile-time checks that a hand-written list of keys or union members matches a TypeScript type,
 * so specs can compare JSON Schemas with their types and neither can drift silently.
 */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;

/** Lists the keys of a type; the compiler rejects a list that misses or invents a key. */
export function keysOf<T>() {
  return <R extends readonly RequiredKeys<T>[], O extends readonly OptionalKeys<T>[]>(
    required: R & ([RequiredKeys<T>] extends [R[number]] ? unknown : { missingRequiredKey: Exclude<RequiredKeys<T>, R[number]> }),
    optional: O & ([OptionalKeys<T>] extends [O[number]] ? unknown : { missingOptionalKey: Exclude<OptionalKeys<T>, O[number]> }),
  ) => ({ required: [...required].map(String).sort(), optional: [...optional].map(String).sort() });
}

/** Every member of a union, checked both ways by the compiler. */
export function unionOf<T extends string>() {
  return <L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })) => [...list];
}
