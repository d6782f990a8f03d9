import type { ErrorRequestHandler, RequestHandler } from 'express';
import { commonError, sendError, type Dialect } from '../errors.js';

/** Last handler of an API router: an unknown path in that API's dialect. */
export function notFound(dialect: Dialect): RequestHandler {
  return (req, res) => sendError(res, commonError(dialect, 'not_found', `No route for ${req.method} ${req.originalUrl.split('?')[0]}.`), dialect);
}

/** Error middleware of an API router: renders thrown errors in that API's dialect. */
export function errorHandler(dialect: Dialect): ErrorRequestHandler {
  return (err, _req, res, _next) => sendError(res, err, dialect);
}
