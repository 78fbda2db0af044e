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

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory, "memory", or the server URL without its password. */
  readonly location: string;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * `actor` names who makes the change; the audit trigger records it beside every row written.
   */
  transaction<T>(actor: string, work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Sets the audit actor for the current transaction only. */
export async function setActor(tx: Queryable, actor: string): Promise<void> {
  await tx.query(`select set_config('taizhang.actor', $1, true)`, [actor]);
}
