/**
 * Browser credentials: HS256 JWTs signed with the session secret (jose).
 * - `typ: "session"` tokens authorise the widget for one signup session; audience-bound to it.
 * - `typ: "link"` tokens sit in hosted signup URLs; the link table says whether a link was revoked or used (one onboarding).
 */
import { errors as joseErrors, jwtVerify, SignJWT, decodeJwt } from 'jose';
import { AppError } from '../errors.js';

const ISSUER = 'whatsapp-signup-bff';
export type TokenType = 'session' | 'link';

export const sessionAudience = (sessionId: string) => `urn:whatsapp-signup:session:${sessionId}`;
export const linkAudience = (linkId: string) => `urn:whatsapp-signup:link:${linkId}`;

export interface VerifiedSessionToken {
  sessionId: string;
  expiresAt: Date;
}
export interface VerifiedLinkToken {
  linkId: string;
  sessionId: string;
  expiresAt: Date;
}

/** 401 with a stable code; the message never echoes the token. */
export const unauthorized = (message = 'Missing or invalid credentials') =>
  new AppError('unauthorized', message, 401);

export class TokenService {
  /** Imported once: handing jose raw bytes would re-import the HMAC key on every sign and verify. */
  private readonly key: Promise<CryptoKey>;
  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the session secret must be at least 32 characters');
    this.key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
  }

  /** Mints a session token for `sessionId` that expires at `expiresAt`. */
  mintSession(sessionId: string, expiresAt: Date): Promise<string> {
    return this.sign({ typ: 'session' }, sessionId, sessionAudience(sessionId), expiresAt);
  }

  /** Mints the token that goes into a hosted signup URL. */
  mintLink(linkId: string, sessionId: string, expiresAt: Date): Promise<string> {
    return this.sign({ typ: 'link' }, sessionId, linkAudience(linkId), expiresAt, linkId);
  }

  /** Low-level signer, exported for tests that forge a token with mismatched claims. */
  async sign(claims: Record<string, unknown>, sub: string, aud: string, expiresAt: Date, jti?: string): Promise<string> {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(sub)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000));
    if (jti) jwt.setJti(jti);
    return jwt.sign(await this.key);
  }

  async verifySession(token: string): Promise<VerifiedSessionToken> {
    const sub = peekSubject(token);
    const payload = await this.verify(token, sessionAudience(sub), 'session');
    return { sessionId: sub, expiresAt: new Date((payload.exp ?? 0) * 1000) };
  }

  async verifyLink(token: string): Promise<VerifiedLinkToken> {
    let jti: unknown;
    try {
      jti = decodeJwt(token).jti;
    } catch {
      throw unauthorized();
    }
    if (typeof jti !== 'string' || jti === '') throw unauthorized();
    const payload = await this.verify(token, linkAudience(jti), 'link');
    return { linkId: jti, sessionId: payload.sub ?? '', expiresAt: new Date((payload.exp ?? 0) * 1000) };
  }

  private async verify(token: string, audience: string, typ: TokenType) {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience,
        requiredClaims: ['exp', 'sub', 'aud'],
      });
      if (payload.typ !== typ) throw unauthorized();
      return payload;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new AppError('session_expired', 'The session has expired', 401);
      throw unauthorized();
    }
  }
}

/** Reads `sub` without trusting it; the audience check in jwtVerify then binds it to the signature. */
function peekSubject(token: string): string {
  try {
    const sub = decodeJwt(token).sub;
    if (typeof sub === 'string' && sub !== '' && sub.length <= 128) return sub;
  } catch {
    /* fallthrough */
  }
  throw unauthorized();
}
