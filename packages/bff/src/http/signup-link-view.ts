/**
 * A signup link's lifecycle view (`SignupLinkSchema`): what `GET /v1/signup-links[/{id}]` answers and the operator
 * console's onboarding view shows, built here once from the repository's {@link SignupLinkDetail}.
 */
import type { z } from 'zod';
import type { LinkRepository, SignupLinkDetail } from '../data/link.repository.js';
import { linkStateOf } from '../data/link-list.js';
import { ValidationError } from '../errors.js';
import type { SignupLinkListSchema, SignupLinkSchema } from './schemas.js';

export type SignupLinkView = z.output<typeof SignupLinkSchema>;
export type SignupLinkList = z.output<typeof SignupLinkListSchema>;

/**
 * The view of one link at `now` (ms): its state by the rule of data/link-list.ts, its times, its onboarding id (= its
 * session id) and the page options it was created with (only its own `branding`, not the BRAND_* defaults).
 */
export function signupLinkView(l: SignupLinkDetail, now: number): SignupLinkView {
  return {
    id: l.id,
    sessionId: l.sessionId,
    onboardingId: l.sessionId,
    state: linkStateOf(l, new Date(now).toISOString()),
    customer: l.customer,
    createdAt: l.createdAt,
    expiresAt: l.expiresAt,
    ...(l.openedAt ? { openedAt: l.openedAt } : {}),
    ...(l.usedAt ? { usedAt: l.usedAt } : {}),
    ...(l.revokedAt ? { revokedAt: l.revokedAt } : {}),
    ...(l.hosted?.locale ? { locale: l.hosted.locale } : {}),
    ...(l.hosted?.returnUrl ? { returnUrl: l.hosted.returnUrl } : {}),
    ...(l.hosted?.branding ? { branding: l.hosted.branding } : {}),
  };
}

/** One page of links, newest first (`pageToken` is the last item's (createdAt, id), as for onboardings). */
export async function listSignupLinks(
  links: Pick<LinkRepository, 'list'>,
  q: { state?: SignupLinkView['state']; pageSize?: number; pageToken?: string },
  now: number,
): Promise<SignupLinkList> {
  const pageSize = q.pageSize ?? 20;
  const rows = await links.list({
    pageSize: pageSize + 1,
    now: new Date(now).toISOString(),
    ...(q.state ? { state: q.state } : {}),
    ...(q.pageToken ? { after: cursorOf(q.pageToken) } : {}),
  });
  const items = rows.slice(0, pageSize);
  const last = items[items.length - 1];
  return {
    items: items.map((l) => signupLinkView(l, now)),
    ...(rows.length > pageSize && last ? { nextPageToken: Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url') } : {}),
  };
}

function cursorOf(token: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // refused below
  }
  throw new ValidationError('Invalid query.pageToken: not a page token of this list', 'query.pageToken');
}
