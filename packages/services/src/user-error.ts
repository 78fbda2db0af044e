/**
 * A failure the user can act on: its message is Chinese, complete, and shown as it is —
 * never with a stack trace. Anything else reaching the shell is a bug and is reported as one.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Further lines (each problem of a rejected file, each organisation to choose from). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}
