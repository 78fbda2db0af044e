/**
 * One interface over both engines: embedded PGlite (a directory on disk, or memory) and a
 * PostgreSQL server reached through node-postgres. Every query is parameterised SQL in the
 * PostgreSQL dialect; the rest of the system never knows which engine it talks to.
 */

export type Row = Record<string, unknown>;

/** Something that runs SQL: the database itself, or a transaction of it. */
export interface Queryable {
  /** One parameterised statement; rows as plain objects. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * Who makes a change, as the audit trail records it: a name (a user name, `cli:root`,
 * `system:migrate`), and for a change made over HTTP the address it came from and the
 * user's id, so the trail answers "who, from where" without a join to a table that may change.
 */
export type Actor = string | ActorDetails;

export interface ActorDetails {
  name: string;
  /** the client's IP address (as the server sees it, after any trusted proxy) */
  address?: string | undefined;
  /** users.id of a signed-in user */
  userId?: string | undefined;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory, "memory", or the server URL without its password. */
  readonly location: string;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * `actor` names who makes the change; the audit trigger records it beside every row written.
   */
  transaction<T>(actor: Actor, work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: calls `onNotify` with the payload of every notification on `channel`
   * (LISTEN, on a connection of its own), and `onLost` once if that connection ends without
   * being stopped. Resolves, once listening, with the function that stops it. PGlite has no
   * need of it: the one process that opens its directory makes every change itself.
   */
  listen?(channel: string, onNotify: (payload: string) => void, onLost: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The actor as its parts, whichever form it was given in. */
export function actorDetails(actor: Actor): ActorDetails {
  return typeof actor === 'string' ? { name: actor } : actor;
}

/** Sets the audit actor (and its address and user id, when known) for the current transaction only. */
export async function setActor(tx: Queryable, actor: Actor): Promise<void> {
  const { name, address, userId } = actorDetails(actor);
  await tx.query(
    `select set_config('taizhang.actor', $1, true), set_config('taizhang.address', $2, true),
       set_config('taizhang.user_id', $3, true)`,
    [name, address ?? '', userId ?? ''],
  );
}

/**
 * The database as one request's work sees it: every transaction records `actor`, whatever
 * name the service it calls passes on. Services written for the command line take a plain
 * name; over HTTP the same services then also record the address and the user's id.
 */
export function actingAs(db: Database, actor: ActorDetails): Database {
  return {
    engine: db.engine,
    location: db.location,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (_named, work) => db.transaction(actor, work),
    // The request borrows the database; closing it is its owner's business.
    close: async () => undefined,
  };
}
