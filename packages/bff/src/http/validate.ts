import type { z } from 'zod';
import { ValidationError } from '../errors.js';

/** Joins a zod issue path the way clients write it: `customer.labels.x`, `regions.allowed[1]`. */
function fieldOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/**
 * Parses `data` with `schema` or throws a 400 `invalid_request` whose message and `field` name the
 * first offending field. `where` prefixes the field for query strings and path parameters.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, where?: string): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  let path: PropertyKey[] = issue ? [...issue.path] : [];
  let message = issue?.message ?? 'Invalid request';
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    path = [...path, key];
    message = 'unknown field';
  } else if (issue?.code === 'invalid_type' && issue.input === undefined) {
    message = 'is required';
  }
  let field = fieldOf(path);
  if (where) field = field === '' ? where : `${where}.${field}`;
  if (field === '') field = 'body';
  throw new ValidationError(`Invalid ${field}: ${message}`, field, r.error.issues);
}
