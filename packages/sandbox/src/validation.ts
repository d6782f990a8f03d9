import type { z } from 'zod';
import { GoogleError, PapiError } from './errors.js';

function joinPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** One readable line per zod issue, each naming its field (`property x should not exist` for unknown fields). */
export function describeIssues(error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`property ${joinPath([...issue.path, key])} should not exist`);
      continue;
    }
    const field = joinPath(issue.path) || 'body';
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    lines.push(missing ? `${field} is required` : `${field}: ${issue.message}`);
  }
  return lines;
}

/** Parses a body or throws 400 INVALID_ARGUMENT in the Google dialect. */
export function parseGoogle<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new GoogleError(400, 'INVALID_ARGUMENT', `Invalid request: ${describeIssues(r.error).join('; ')}`);
}

/** Parses a body or throws PAPI 400 `invalid_input` with `additionalInformation.validationErrors`. */
export function parsePapi<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new PapiError(400, 'invalid_input', 'Invalid input.', 'Correct the validation errors and submit again.', {
    validationErrors: describeIssues(r.error),
  });
}

/** Opaque page tokens: base64url of the next offset. */
export const pageToken = {
  encode: (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url'),
  decode(token: string): number | null {
    const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    return m?.[1] ? Number(m[1]) : null;
  },
};

/** A query value as one string (first of repeated values), or undefined. */
export function queryString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** http(s) URL check for webhook targets. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
