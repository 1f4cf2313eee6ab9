// Errors the user should read as-is (no stack), and the cancellation marker commands throw when the user backs out.

/** A problem stated in plain words for the user; the command wrapper shows its message without a stack. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** The user dismissed an input or a confirmation: nothing to report. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}
