/** A GraphQL error as the service sends it; the pages show its message unchanged. */
export interface GraphQLErrorData {
  message: string;
  extensions?: { code?: string; field?: string; violations?: { message: string; field?: string }[] } & Record<string, unknown>;
}

/** Messages by form field, and those that belong to no field (shown above the form). */
export interface FormErrors {
  fields: Record<string, string[]>;
  general: string[];
}

export const noErrors = (): FormErrors => ({ fields: {}, general: [] });

export function hasErrors(e: FormErrors): boolean {
  return e.general.length > 0 || Object.keys(e.fields).length > 0;
}

export function addError(e: FormErrors, field: string | null, message: string): void {
  if (field === null) e.general.push(message);
  else (e.fields[field] ??= []).push(message);
}

/** `input.signedOn` → `signedOn`: the pages' fields carry the names of the mutation's input. */
function fieldName(path: string): string {
  return path.replace(/^input\./, '').split('.')[0];
}

/**
 * Puts each error of a refused mutation next to the field it concerns: a violation's or error's own `field`, the
 * field a variable error names ('… at "input.version"'), else the field the form names for a refusal of access
 * (a district signatory is refused for the party), else the field holding the whole input, if any. The text is the service's message with its code.
 */
export function formErrors(
  errors: readonly GraphQLErrorData[],
  fields: readonly string[],
  forbiddenField: string | null,
  /** Where an error that names no field belongs, when one field holds the whole input (a pasted document). */
  otherField: string | null = null,
): FormErrors {
  const out = noErrors();
  const place = (field: string | undefined, message: string) => addError(out, field && fields.includes(field) ? field : otherField, message);
  for (const error of errors) {
    const code = error.extensions?.code ?? 'ERROR';
    const violations = error.extensions?.violations;
    if (Array.isArray(violations) && violations.length > 0) {
      for (const v of violations) place(v.field ? fieldName(v.field) : undefined, `${code}: ${v.message}`);
      continue;
    }
    const named =
      error.extensions?.field ??
      /at "(input\.[\w.]+|\w+)"/.exec(error.message)?.[1] ??
      /Field "(\w+)" of required type/.exec(error.message)?.[1] ??
      /"\$(\w+)"/.exec(error.message)?.[1];
    const field = named ? fieldName(named) : code === 'FORBIDDEN' && forbiddenField ? forbiddenField : undefined;
    place(field, `${code}: ${error.message}`);
  }
  return out;
}
