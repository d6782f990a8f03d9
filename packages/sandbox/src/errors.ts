import type { Response } from 'express';

/** The error dialects of the emulated APIs (api-facts §1, §2, §3, §4). */
export type Dialect = 'google' | 'papi' | 'oauth' | 'admin';

export type GoogleStatus =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

/** Base class: everything a route throws on purpose. */
export abstract class SandboxHttpError extends Error {
  abstract readonly httpStatus: number;
  readonly headers: Record<string, string> = {};
  abstract body(): unknown;
}

/** Google-style `{error: {code, message, status, details}}` (Subprojects, Conversation). */
export class GoogleError extends SandboxHttpError {
  constructor(
    readonly httpStatus: number,
    readonly status: GoogleStatus,
    message: string,
  ) {
    super(message);
    this.name = 'GoogleError';
  }
  body() {
    return { error: { code: this.httpStatus, message: this.message, status: this.status, details: [] } };
  }
}

/** Provisioning API `{errorCode, message, resolution, additionalInformation?}`. */
export class PapiError extends SandboxHttpError {
  constructor(
    readonly httpStatus: number,
    readonly errorCode: string,
    message: string,
    readonly resolution: string,
    readonly additionalInformation?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'PapiError';
  }
  body() {
    return {
      errorCode: this.errorCode,
      message: this.message,
      resolution: this.resolution,
      ...(this.additionalInformation ? { additionalInformation: this.additionalInformation } : {}),
    };
  }
}

/** OAuth2 token endpoint `{error, error_description}`. */
export class OAuthError extends SandboxHttpError {
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
  body() {
    return { error: this.error, error_description: this.message };
  }
}

/** Sinch gateway errors from the error registry `{type, title, detail}` (e.g. access-token-expired). */
export class RegistryError extends SandboxHttpError {
  constructor(
    readonly httpStatus: number,
    readonly type: string,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'RegistryError';
  }
  body() {
    return { type: this.type, title: this.title, detail: this.message };
  }
}

/** The sandbox's own admin endpoints `{error: {code, message}}`. */
export class AdminError extends SandboxHttpError {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
  body() {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Errors that shared middleware (auth, faults, project access) raise in whichever dialect the API speaks. */
export type CommonKind = 'bad_request' | 'unauthenticated' | 'forbidden' | 'not_found' | 'rate_limited' | 'internal' | 'unavailable';

const GOOGLE: Record<CommonKind, [number, GoogleStatus]> = {
  bad_request: [400, 'INVALID_ARGUMENT'],
  unauthenticated: [401, 'UNAUTHENTICATED'],
  forbidden: [403, 'PERMISSION_DENIED'],
  not_found: [404, 'NOT_FOUND'],
  rate_limited: [429, 'RESOURCE_EXHAUSTED'],
  internal: [500, 'INTERNAL'],
  unavailable: [503, 'UNAVAILABLE'],
};

const PAPI: Record<CommonKind, [number, string, string]> = {
  bad_request: [400, 'invalid_payload', 'Correct payload and submit again.'],
  unauthenticated: [401, 'unauthorized_error', 'Verify that projectId is correct.'],
  forbidden: [403, 'forbidden', 'Verify that the credentials have access to the project.'],
  not_found: [404, 'not_found', 'Verify the path and the resource id.'],
  rate_limited: [429, 'too_many_requests', 'Slow down and retry after the time given in Retry-After.'],
  internal: [500, 'internal_error', 'Please wait and try again, if the error persist please contact support.'],
  unavailable: [503, 'service_unavailable', 'Please wait and try again.'],
};

const OAUTH: Record<CommonKind, [number, string]> = {
  bad_request: [400, 'invalid_request'],
  unauthenticated: [401, 'invalid_client'],
  forbidden: [403, 'access_denied'],
  not_found: [404, 'not_found'],
  rate_limited: [429, 'too_many_requests'],
  internal: [500, 'server_error'],
  unavailable: [503, 'temporarily_unavailable'],
};

/** Builds the dialect's error for a common situation. */
export function commonError(dialect: Dialect, kind: CommonKind, message: string): SandboxHttpError {
  switch (dialect) {
    case 'google': {
      const [code, status] = GOOGLE[kind];
      return new GoogleError(code, status, message);
    }
    case 'papi': {
      const [code, errorCode, resolution] = PAPI[kind];
      return new PapiError(code, errorCode, message, resolution);
    }
    case 'oauth': {
      const [code, error] = OAUTH[kind];
      return new OAuthError(code, error, message);
    }
    case 'admin':
      return new AdminError(GOOGLE[kind][0], kind, message);
  }
}

/** Writes any thrown value as a response in the given dialect (unknown errors become 500s without details). */
export function sendError(res: Response, err: unknown, dialect: Dialect): void {
  const e = toSandboxError(err, dialect);
  if (res.headersSent) return;
  res.status(e.httpStatus).set(e.headers).json(e.body());
}

function toSandboxError(err: unknown, dialect: Dialect): SandboxHttpError {
  if (err instanceof SandboxHttpError) return err;
  // body-parser errors carry `status` and `type` (entity.parse.failed, entity.too.large…).
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number((err as { status: unknown }).status) : NaN;
  if (status === 400) return commonError(dialect, 'bad_request', 'The request body is not valid JSON.');
  if (status === 413) return commonError(dialect, 'bad_request', 'The request body is too large.');
  if (status === 415) return commonError(dialect, 'bad_request', 'Unsupported content type.');
  console.error('[sandbox] unexpected error', err);
  return commonError(dialect, 'internal', 'Internal server error.');
}
