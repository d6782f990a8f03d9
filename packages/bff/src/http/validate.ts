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
 * The path of the first own `__proto__` key in `data`, if any. JSON.parse keeps `"__proto__"` as an own key,
 * but zod skips it in records and loose objects (assigning it would set the result's prototype), so
 * `customer.labels: {"__proto__": …}` would vanish without a word: it is refused instead, wherever it is.
 */
function protoKeyPath(data: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  if (Object.prototype.hasOwnProperty.call(data, '__proto__')) return [...path, '__proto__'];
  for (const [k, v] of Object.entries(data)) {
    const found = protoKeyPath(v, [...path, Array.isArray(data) ? Number(k) : k]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Parses `data` with `schema` or throws a 400 `invalid_request` whose message and `field` name the
 * first offending field. `where` prefixes the field for query strings and path parameters.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, where?: string): z.output<S> {
  const proto = protoKeyPath(data);
  if (proto) {
    const field = where ? `${where}.${fieldOf(proto)}` : fieldOf(proto);
    throw new ValidationError(`Invalid ${field}: reserved key`, field);
  }
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
