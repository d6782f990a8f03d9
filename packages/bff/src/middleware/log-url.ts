/**
 * The request URL as it may be logged (issue 13, finding 1). Redaction works on what the router parses,
 * not on the raw spelling: matching the raw text missed `?access%5Ftoken=`, `/%73ignup/…`, `/SIGNUP/…`,
 * `//signup/…` and absolute-form targets (`GET http://host/signup/…`), and live credentials reached the logs.
 *
 * The rules, each chosen so no spelling can get around it:
 * - no query value is ever logged, on any route (a credential can sit under any name: `access_token`,
 *   `api_key`, `key`, …); the names are logged as the query parser decoded them, and a name that does not
 *   look like a parameter name (too long, odd characters: a token pasted as `?<token>`) is redacted too;
 * - a request refused for auth (401, 403) logs no query at all;
 * - every path segment after a `signup` segment (compared after percent-decoding, case-insensitively, as
 *   Express matches routes) is redacted, and so is any segment longer than an id can be (ids are at most 64
 *   characters; tokens are longer), so a token pasted into another path does not reach the log either.
 */

export const REDACTED = '[REDACTED]';

/** Path segments that carry a credential after them: the hosted page's link token. */
const CREDENTIAL_PREFIX = 'signup';
/** The longest path id the API has (IdParamSchema); a longer segment is treated as a credential. */
const MAX_ID_LENGTH = 64;
/** A query name worth logging: short and shaped like a parameter name (an API key or token is neither). */
const LOGGABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.[\]-]{0,23}$/;
/** Percent-decoding is repeated this often, so a doubly encoded `%2573ignup` is recognised as well. */
const DECODE_ROUNDS = 3;

/**
 * Decodes the ASCII percent-escapes (`%73` → `s`, `%2F` → `/`), leniently: a broken escape or a non-ASCII
 * byte stays as written. Enough to see every spelling of `signup` and of the separators the router could see.
 */
function decodeAscii(s: string): string {
  let out = s;
  for (let i = 0; i < DECODE_ROUNDS; i++) {
    const next = out.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === out) break;
    out = next;
  }
  return out;
}

/** The path of a request target: absolute-form (`http://host/p?q`) reduced to its path, query and fragment cut. */
function pathOf(target: string): string {
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  const rest = absolute ? target.slice(absolute[0].length) : target;
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The path with every credential-bearing segment replaced by [REDACTED]. */
export function redactPath(target: string): string {
  const segments = decodeAscii(pathOf(target)).split('/');
  let afterSignup = false;
  return segments
    .map((seg) => {
      if (seg === '') return seg;
      if (afterSignup || seg.length > MAX_ID_LENGTH) return REDACTED;
      if (seg.toLowerCase() === CREDENTIAL_PREFIX) afterSignup = true;
      return seg;
    })
    .join('/');
}

/**
 * The URL to log: the redacted path, then the query's names (as parsed) with every value redacted.
 * `refused` (a 401/403) drops the query entirely.
 */
export function logUrl(target: string, queryNames: readonly string[], refused: boolean): string {
  const path = redactPath(target);
  if (refused || queryNames.length === 0) return path;
  const names = queryNames.map((n) => `${LOGGABLE_NAME.test(n) ? n : REDACTED}=${REDACTED}`);
  return `${path}?${names.join('&')}`;
}
