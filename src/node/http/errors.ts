// Errors of the HTTP API: a status, a stable snake_case code and one sentence (spec shape).

import type { ErrorAnswer, NodeErrorCode } from '../../api/errors.js';

export class HttpError extends Error {
  readonly status: number;
  readonly code: NodeErrorCode;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: NodeErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }

  body(): ErrorAnswer {
    return { error: { code: this.code, message: this.message }, ...this.extra };
  }
}
