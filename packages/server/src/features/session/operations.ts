import type { Database } from '@taizhang/db';
import {
  changeOwnPassword,
  findSession,
  recordThrottledSignIn,
  type SignInRequest,
  signIn,
  signOut,
} from '@taizhang/services';
import type { OnBehalf } from '../on-behalf.js';

/** Signing in and out, and the session every other request is checked against. */
export const sessionOperations = {
  signIn: (db: Database, args: SignInRequest) => signIn(db, args),
  recordThrottledSignIn: (
    db: Database,
    args: { org?: string | undefined; username: string; address: string | null; now: string },
  ) => recordThrottledSignIn(db, args),
  findSession: (db: Database, args: { sessionKey: string; now: string }) => findSession(db, args),
  signOut: (db: Database, args: { sessionKey: string }) => signOut(db, args.sessionKey),
  changePassword: (db: Database, args: OnBehalf & { sessionKey: string; current: string; next: string; now: string }) =>
    changeOwnPassword(db, args.caller, args),
};
