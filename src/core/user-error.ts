/**
 * A mistake the user can fix (bad argument, duplicate slug, unknown workspace).
 * The CLI prints its message as one line, the HTTP API answers with `status`;
 * anything else is a bug and is logged with its stack.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: UserErrorCode = 'invalid_input',
  ) {
    super(message);
    this.name = 'UserError';
  }

  get status(): number {
    return USER_ERROR_STATUS[this.code];
  }
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
