/**
 * The lock on an embedded database's data directory (数据目录锁). PGlite is not a
 * multi-process database: two processes that open one directory each keep their own
 * copy of the pages and the write-ahead log, and whichever writes last silently wins — a
 * change the other acknowledged is lost. So a process takes this lock before PGlite opens
 * the directory, and anyone else is refused, with the holder named, until it is released.
 *
 * The lock is a file inside the directory (`taizhang.lock`; PostgreSQL ignores files it
 * does not know in its data directory, as it does its own postmaster.pid), so it travels
 * with the directory and needs no write access to the directory's parent. It is created
 * whole and atomically: written under a name of its own, then hard-linked to the lock's
 * name, which fails if the name is taken. A lock whose holder is gone (the process no
 * longer exists, the machine has restarted since, or its process id now belongs to
 * another program) is stale, and is replaced in one rename by the one process that
 * claims it; a lock taken on another machine (a shared disk) is never cleared here,
 * since whether its holder still runs cannot be known from this one.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { basename, join } from 'node:path';

/** The lock's file name inside the data directory. */
export const DATA_DIR_LOCK_FILE = 'taizhang.lock';

/** Who holds a data directory, as its lock file records it (JSON). */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** what the holder is, e.g. "taizhang serve" */
  command: string;
  /** when the lock was taken, ISO 8601 in UTC */
  startedAt: string;
  /** a random value of this lock alone, so a holder releases only its own lock */
  token: string;
  /** when the holder's process started (ISO 8601): tells a previous run with the same process id from this one */
  processStartedAt?: string | undefined;
  /** Linux: the boot the holder ran in (/proc/sys/kernel/random/boot_id) */
  bootId?: string | undefined;
  /** Linux: the holder's start in clock ticks since boot (/proc/<pid>/stat), which a reused process id does not share */
  processStart?: string | undefined;
}

export interface LockOptions {
  /** What the holder is, as a refused process is told, e.g. "taizhang ledger add" (by default from the command line). */
  command?: string | undefined;
  /** Told, in Chinese, of a stale lock that was cleared (by default written to standard error). */
  onStaleCleared?: ((note: string) => void) | undefined;
}

/** A lock this process holds. */
export interface DataDirLock {
  readonly dataDir: string;
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still this lock's; later calls do nothing. */
  release(): void;
}

/** Why a data directory cannot be opened: another holder, named in the (Chinese) message. */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';

  constructor(
    readonly dataDir: string,
    readonly file: string,
    /** undefined when the lock file cannot be read */
    readonly holder: LockHolder | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'DataDirInUseError';
  }
}

/**
 * Takes the lock on `dataDir` (created when absent), or throws DataDirInUseError naming
 * the holder. Synchronous, so that nothing else of this process runs between looking at
 * the lock and taking it. Released by `release()`, and at the latest when the process exits.
 */
export function lockDataDir(dataDir: string, options: LockOptions = {}): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATA_DIR_LOCK_FILE);
  const holder = describeThisProcess(options.command ?? commandLine());
  const text = `${JSON.stringify(holder, null, 2)}\n`;
  const prepared = `${file}.${holder.token}`;
  createExclusive(prepared, text);
  try {
    let last: LockHolder | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      if (createLockFile(prepared, file, text)) return hold(dataDir, file, holder);
      const found = readHolder(file);
      // Released between our attempt and our look: try again.
      if (found === 'absent') continue;
      if (found === 'unreadable') throw unreadable(dataDir, file);
      last = found;
      const verdict = judge(found);
      if (verdict.live) throw inUse(dataDir, file, found, verdict.where);
      if (takeOver(prepared, file, found.token)) {
        (options.onStaleCleared ?? ((note: string) => process.stderr.write(`${note}\n`)))(
          staleNote(dataDir, found, verdict.why),
        );
        return hold(dataDir, file, holder);
      }
      // Another process is replacing the same stale lock: look again once it has.
      sleep(25);
    }
    throw last ? inUse(dataDir, file, last, 'other-process') : unreadable(dataDir, file);
  } finally {
    removeQuietly(prepared);
  }
}

/**
 * Checks that the lock on `dataDir` is the one `token` names and that it is this process's:
 * for a worker thread that opens the directory for the thread that took the lock (and
 * holds it across the worker's restarts). Throws DataDirInUseError otherwise.
 */
export function checkDataDirLock(dataDir: string, token: string): void {
  const file = join(dataDir, DATA_DIR_LOCK_FILE);
  const found = readHolder(file);
  if (found !== 'absent' && found !== 'unreadable' && found.token === token && found.pid === process.pid) return;
  if (found !== 'absent' && found !== 'unreadable') throw inUse(dataDir, file, found, judgeLive(found));
  throw new DataDirInUseError(
    dataDir,
    file,
    undefined,
    `数据目录 ${dataDir} 的锁文件 ${file} 已不存在或无法识别，为防止数据丢失，不能打开。请重新启动本程序。`,
  );
}

/** The holder named by the lock file of `dataDir`, if there is one that can be read. */
export function readDataDirLock(dataDir: string): LockHolder | undefined {
  const found = readHolder(join(dataDir, DATA_DIR_LOCK_FILE));
  return found === 'absent' || found === 'unreadable' ? undefined : found;
}

/** A time as Beijing time (UTC+8, no daylight saving), whatever the machine's time zone: "2026-12-04 19:20". */
export function beijingTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

// ---- holding -----------------------------------------------------------------------------

const held = new Set<DataDirLock>();
let exitHook = false;

function hold(dataDir: string, file: string, holder: LockHolder): DataDirLock {
  const lock: DataDirLock = {
    dataDir,
    file,
    holder,
    release() {
      if (!held.delete(lock)) return;
      const found = readHolder(file, 0);
      if (typeof found === 'object' && found.token === holder.token) removeQuietly(file);
    },
  };
  held.add(lock);
  if (!exitHook) {
    exitHook = true;
    // A process that ends without closing its database (an uncaught error, process.exit) still
    // leaves no lock behind; one killed outright leaves a stale lock, which the next opener clears.
    process.on('exit', () => {
      for (const lock of [...held]) lock.release();
    });
  }
  return lock;
}

// ---- the file ----------------------------------------------------------------------------

/** Creates `path` with `text` unless it exists; false when it does. */
function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Error codes of a file system without hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Gives the lock's name to the prepared file unless it is taken; false when it is. */
function createLockFile(prepared: string, file: string, text: string): boolean {
  try {
    linkSync(prepared, file);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code === undefined || !NO_HARD_LINKS.has(code)) throw error;
  }
  // Without hard links the file is created exclusively and then written, so a reader may
  // briefly find it empty (readHolder waits that out).
  return createExclusive(file, text);
}

/**
 * Replaces the stale lock `staleToken` by the prepared one. Only the process that creates
 * the claim file named after the stale token may do so, and only while the lock still holds
 * that token, so two processes that both found the lock stale cannot both take it over, and
 * one that looked long ago cannot replace the lock another has taken since.
 */
function takeOver(prepared: string, file: string, staleToken: string): boolean {
  const claim = `${file}.takeover-${staleToken}`;
  if (!createExclusive(claim, `${process.pid}\n`)) {
    removeIfAbandoned(claim);
    return false;
  }
  try {
    const now = readHolder(file);
    if (typeof now !== 'object' || now.token !== staleToken) return false;
    renameSync(prepared, file);
    return true;
  } finally {
    removeQuietly(claim);
  }
}

/** A claim lasts microseconds; one older than this was left by a process that died holding it. */
const ABANDONED_CLAIM_MS = 10_000;

function removeIfAbandoned(claim: string): void {
  try {
    if (Date.now() - statSync(claim).mtimeMs < ABANDONED_CLAIM_MS) return;
    // Renamed first, so that of two processes removing it, one does and the other finds nothing.
    const away = `${claim}.abandoned-${randomBytes(8).toString('hex')}`;
    renameSync(claim, away);
    removeQuietly(away);
  } catch {
    // Gone already.
  }
}

/**
 * The lock file's holder; 'absent' when there is none; 'unreadable' when its content is not
 * a lock, after waiting up to `patienceMs` for a writer without hard links to finish.
 */
function readHolder(file: string, patienceMs = 500): LockHolder | 'absent' | 'unreadable' {
  const until = Date.now() + patienceMs;
  for (;;) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 'absent';
      throw error;
    }
    const holder = parseHolder(text);
    if (holder) return holder;
    if (Date.now() >= until) return 'unreadable';
    sleep(25);
  }
}

function parseHolder(text: string): LockHolder | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const optional = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  // A process id of 0 or below would address process groups when probed.
  if (!Number.isSafeInteger(v.pid) || (v.pid as number) <= 0) return undefined;
  if (typeof v.hostname !== 'string' || typeof v.command !== 'string' || typeof v.startedAt !== 'string') {
    return undefined;
  }
  // The token names a claim file: hexadecimal only.
  if (typeof v.token !== 'string' || !/^[0-9a-f]{16,64}$/.test(v.token)) return undefined;
  return {
    pid: v.pid as number,
    hostname: v.hostname,
    command: v.command,
    startedAt: v.startedAt,
    token: v.token,
    processStartedAt: optional('processStartedAt'),
    bootId: optional('bootId'),
    processStart: optional('processStart'),
  };
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

// ---- who holds it ------------------------------------------------------------------------

/** This process's start, the same in every thread of it. */
const PROCESS_STARTED_AT = new Date(performance.timeOrigin).toISOString();

function describeThisProcess(command: string): LockHolder {
  return {
    pid: process.pid,
    hostname: osHostname(),
    command,
    startedAt: new Date().toISOString(),
    token: randomBytes(16).toString('hex'),
    processStartedAt: PROCESS_STARTED_AT,
    bootId: bootId(),
    processStart: processStart(process.pid),
  };
}

/** "taizhang serve": the program and the words of the command line before its first option. */
function commandLine(): string {
  const script = process.argv[1] ? basename(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') : 'node';
  const words: string[] = [];
  for (const word of process.argv.slice(2)) {
    if (word.startsWith('-') || words.length === 2) break;
    words.push(word);
  }
  return [script, ...words].join(' ');
}

type Where = 'this-process' | 'other-process' | 'other-host';
type Verdict = { live: true; where: Where } | { live: false; why: string };

function judge(holder: LockHolder): Verdict {
  if (holder.hostname !== osHostname()) return { live: true, where: 'other-host' };
  const boot = bootId();
  if (boot !== undefined && holder.bootId !== undefined && holder.bootId !== boot) {
    return { live: false, why: '本机在其后重新启动过' };
  }
  if (holder.pid === process.pid) {
    return holder.processStartedAt === undefined || holder.processStartedAt === PROCESS_STARTED_AT
      ? { live: true, where: 'this-process' }
      : { live: false, why: '由同一进程号的上一次运行留下' };
  }
  if (!processExists(holder.pid)) return { live: false, why: '' };
  const start = processStart(holder.pid);
  if (start !== undefined && holder.processStart !== undefined && start !== holder.processStart) {
    return { live: false, why: '该进程号现属另一程序' };
  }
  return { live: true, where: 'other-process' };
}

function judgeLive(holder: LockHolder): Where {
  const verdict = judge(holder);
  return verdict.live ? verdict.where : 'other-process';
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return errorCode(error) !== 'ESRCH';
  }
}

let cachedBootId: string | null | undefined;

function bootId(): string | undefined {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId ?? undefined;
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised name, which may hold spaces). */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

// ---- messages ----------------------------------------------------------------------------

function since(holder: LockHolder): string {
  return `自 ${beijingTime(holder.startedAt)} 起，北京时间`;
}

function inUse(dataDir: string, file: string, holder: LockHolder, where: Where): DataDirInUseError {
  const message =
    where === 'this-process'
      ? `数据目录 ${dataDir} 已在本进程中打开（${holder.command}，${since(holder)}），同一数据目录不能同时打开两次。`
      : where === 'other-host'
        ? `数据目录 ${dataDir} 正被另一台计算机（${holder.hostname}）上的进程使用（进程号 ${holder.pid}，${holder.command}，${since(holder)}），为防止数据丢失，不能同时打开。本机无法判断该进程是否仍在运行，因此不会自动清除这把锁；如确认它已停止，请删除锁文件 ${file} 后重试。`
        : `数据目录 ${dataDir} 正被另一个进程使用（进程号 ${holder.pid}，${holder.command}，${since(holder)}），为防止数据丢失，不能同时打开。请先停止该进程，或通过网页和接口操作。`;
  return new DataDirInUseError(dataDir, file, holder, message);
}

function unreadable(dataDir: string, file: string): DataDirInUseError {
  return new DataDirInUseError(
    dataDir,
    file,
    undefined,
    `数据目录 ${dataDir} 的锁文件 ${file} 内容无法识别，可能另有进程正在使用该目录，为防止数据丢失，不能打开。如确认没有其他进程在使用，请删除该锁文件后重试。`,
  );
}

function staleNote(dataDir: string, holder: LockHolder, why: string): string {
  const details = [holder.command, since(holder), ...(why ? [why] : []), `数据目录 ${dataDir}`];
  return `已清除失效的锁：进程 ${holder.pid} 已不存在（${details.join('；')}）`;
}

// ---- small things ------------------------------------------------------------------------

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Waits without returning to the event loop: taking the lock stays one uninterrupted step. */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
