import type { API_ERROR_CODES } from './contract/enums.js';

/**
 * One error type for everything the BFF reports: a stable `code` clients can branch on,
 * the HTTP status to answer with, and whether it is an expected (operational) failure.
 * Messages must be safe to show: never a secret, token or ES code. The codes are the documented list
 * (API_ERROR_CODES in contract/enums.ts), so a new one must be added there, and so to the widget's messages.
 */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status = 500,
    options: { cause?: unknown; isOperational?: boolean; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.isOperational = options.isOperational ?? status < 500;
    this.details = options.details;
  }
  readonly isOperational: boolean;
  readonly details: Record<string, unknown> | undefined;
}

/** 400 raised from a zod failure; `field` names the first offending path. */
export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly field: string,
    readonly issues: unknown[] = [],
  ) {
    super('invalid_request', message, 400, { details: { field } });
  }
}

/** Normalises anything thrown into an AppError without leaking its message to clients. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('internal_error', 'Internal error', 500, { cause: e, isOperational: false });
}
