import type { Request } from 'express';
import { PapiError } from '../errors.js';
import { pageToken, queryString } from '../validation.js';

/** `pageSize` (1..max, default def) and `pageToken` of a Provisioning list, or 400 `invalid_page_size` / `invalid_page_token`. */
export function parsePaging(req: Request, def: number, max: number): { offset: number; pageSize: number } {
  const sizeRaw = queryString(req.query.pageSize);
  const pageSize = sizeRaw === undefined || sizeRaw === '' ? def : Number(sizeRaw);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max) {
    throw new PapiError(400, 'invalid_page_size', `Page size must be an integer between 1 and ${max}.`, 'Use a integer value for pageSize parameter.');
  }
  const tokenRaw = queryString(req.query.pageToken) ?? '';
  const offset = tokenRaw === '' ? 0 : pageToken.decode(tokenRaw);
  if (offset === null) {
    throw new PapiError(400, 'invalid_page_token', 'Invalid page token.', 'The page token to use is provided in the previous query response, for new queries simply leave this field undefined.');
  }
  return { offset, pageSize };
}

/** One page plus the PAPI list envelope `{totalSize, pageSize, previousPageToken?, nextPageToken?}`. */
export function paginate<T>(items: T[], offset: number, pageSize: number) {
  return {
    totalSize: items.length,
    pageSize,
    ...(offset > 0 ? { previousPageToken: pageToken.encode(Math.max(0, offset - pageSize)) } : {}),
    ...(offset + pageSize < items.length ? { nextPageToken: pageToken.encode(offset + pageSize) } : {}),
    page: items.slice(offset, offset + pageSize),
  };
}
