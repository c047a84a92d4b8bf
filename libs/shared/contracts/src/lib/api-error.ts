/** One violated rule of a request field. */
export interface FieldViolation {
  /** Dotted path of the field, e.g. `channels.0.text`. */
  field: string;
  /** The rule that failed, e.g. `isNotEmpty`, `maxLength`, `json`. */
  rule: string;
  message: string;
}

/** The body of every error answer of the API. */
export interface ApiErrorBody {
  statusCode: number;
  /** Short machine-readable class, e.g. `not_found`, `validation_failed`, `internal_error`. */
  error: string;
  /** What happened, in words a user can act on. */
  message: string;
  /** Quote this to support: it finds the request in the logs. */
  requestId: string;
  details?: FieldViolation[];
}

/** Header that carries the request id in both directions. */
export const REQUEST_ID_HEADER = 'x-request-id';
