import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, ValidationError, toAppError } from '../errors.js';

/**
 * Client errors raised by Express itself: body-parser (`type`, `status`) and the router (a malformed
 * percent-encoding in a path parameter is a URIError with `status: 400`). Mapped to stable codes.
 */
function fromExpress(err: unknown): AppError | undefined {
  if (err instanceof AppError || typeof err !== 'object' || err === null) return undefined;
  const { type, status } = err as { type?: unknown; status?: unknown };
  if (type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large', 413);
  if (type === 'entity.parse.failed') return new ValidationError('Invalid body: malformed JSON', 'body');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (err instanceof URIError) return new ValidationError('Invalid path: malformed percent-encoding', 'path');
    return new AppError('invalid_request', typeof type === 'string' ? 'The request body could not be read' : 'Invalid request', status);
  }
  return undefined;
}

/**
 * Last middleware: answers `{error: {code, message, field?}}`. Never a stack, a cause or an upstream body;
 * 5xx are logged with their cause (the logger redacts secrets).
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const e = fromExpress(err) ?? toAppError(err);
  if (e.status >= 500) req.log?.error({ err, errorCode: e.code }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const field = e instanceof ValidationError ? e.field : typeof e.details?.field === 'string' ? e.details.field : undefined;
  res
    .status(e.status)
    .json({ error: { code: e.code, message: e.status >= 500 && !e.isOperational ? 'Internal error' : e.message, ...(field ? { field } : {}) } });
};

export const notFound: RequestHandler = (_req, _res, next) => {
  // The path is not echoed: an unknown path may still carry a credential.
  next(new AppError('not_found', 'No such route', 404));
};
