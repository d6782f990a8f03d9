import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors.js';

/**
 * Number verification requests per onboarding and phone number: few enough that codes cannot be guessed through
 * the BFF (Sinch also locks a number after a few wrong codes: 429 `too_many_attempts`), many enough for a customer
 * who mistypes, asks for a new code and switches to voice.
 */
export const VERIFICATION_RATE_LIMIT = { limit: 20, windowMs: 15 * 60_000 } as const;

/** `key` names the onboarding and the number (the session's id on the browser routes, the path's on the server API). */
export function verificationRateLimit(key: (req: Request, res: Response) => string): RequestHandler {
  return rateLimit({
    ...VERIFICATION_RATE_LIMIT,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => `verification:${key(req, res)}`,
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'Too many verification requests for this number; wait a few minutes', 429)),
  });
}
