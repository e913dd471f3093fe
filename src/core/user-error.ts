/**
 * A mistake the user can fix (bad argument, duplicate slug, unknown workspace).
 * The CLI prints its message as one line (one per issue when it has several), the
 * HTTP API answers with `status` (and `issues`); anything else is a bug and is
 * logged with its stack.
 */
export class UserError extends Error {
  /** Every problem of a document refused as a whole, each with where it is. */
  readonly issues?: UserErrorIssue[];

  constructor(
    message: string,
    readonly code: UserErrorCode = 'invalid_input',
    issues?: UserErrorIssue[],
  ) {
    super(message);
    this.name = 'UserError';
    if (issues && issues.length > 0) this.issues = issues;
  }

  get status(): number {
    return USER_ERROR_STATUS[this.code];
  }
}

export interface UserErrorIssue {
  /** Dotted path into the document ("rubric.categories", "slots.0.patterns.0"); empty for the whole. */
  path: string;
  message: string;
}

export type UserErrorCode = 'invalid_input' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'unavailable';

const USER_ERROR_STATUS: Record<UserErrorCode, number> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  unavailable: 503,
};
