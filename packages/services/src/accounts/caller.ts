import type { Grant, Role } from '@taizhang/core';
import type { ActorDetails } from '@taizhang/db';

/** A signed-in user as every shell presents them (docs/api.md, `user`). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  org: { code: string; name: string };
  section: { code: string; name: string } | null;
  /** what the user may do (core's grantsFor): the web app offers what these allow */
  grants: Grant[];
}

/**
 * Who is asking, for a service called on behalf of a signed-in user: the user, their
 * organisation's id (every query is scoped by it), and the address the request came from.
 */
export interface Caller {
  orgId: string;
  user: SessionUser;
  /** the client's IP address, as the server sees it */
  address: string | null;
}

/** How the audit trail names the caller: user name, address and user id. */
export function actorOf(caller: Caller): ActorDetails {
  return { name: caller.user.username, address: caller.address ?? undefined, userId: caller.user.id };
}
