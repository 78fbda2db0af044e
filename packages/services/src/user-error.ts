/**
 * What kind of refusal an error is. The kind, not the code, decides how a shell answers it:
 * the HTTP server maps each kind to its status (docs/api.md, "Errors"), the command line
 * exits 2 for any of them.
 */
export type ErrorKind =
  /** the input breaks a rule (422); a ServiceError's `problems` says where */
  | 'invalid'
  /** not signed in, or the credentials are wrong (401) */
  | 'unauthenticated'
  /** signed in but not allowed (403) */
  | 'forbidden'
  /** no such thing, or one the caller may not see (404) */
  | 'not-found'
  /** based on a stale version, or taken already (409) */
  | 'conflict'
  /** a service the server needs is missing, stuck or busy, not the user's doing (503) */
  | 'unavailable';

/** The values a message was made from, for a shell to add its own hint (the command line's flags). */
export type ErrorArgs = Readonly<Record<string, string | number>>;

/**
 * A failure the user can act on: its message is Chinese, complete, and shown as it is —
 * never with a stack trace, never naming one shell's way of doing things (a command-line
 * flag); each shell adds its own hint from `code` and `args`. Anything else reaching a
 * shell is a bug and is reported as one.
 */
export class UserError extends Error {
  readonly kind: ErrorKind;
  /** Further lines (each problem of a rejected file, each organisation to choose from). */
  readonly details: readonly string[];
  readonly args: ErrorArgs;

  constructor(
    readonly code: string,
    message: string,
    details: readonly string[] = [],
    extra: { kind?: ErrorKind; args?: ErrorArgs } = {},
  ) {
    super(message);
    this.name = 'UserError';
    this.details = details;
    this.kind = extra.kind ?? 'invalid';
    this.args = extra.args ?? {};
  }
}
