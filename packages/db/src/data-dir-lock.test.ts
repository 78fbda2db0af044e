import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  beijingTime,
  checkDataDirLock,
  DATA_DIR_LOCK_FILE,
  DataDirInUseError,
  type LockHolder,
  lockDataDir,
  readDataDirLock,
} from './data-dir-lock.js';
import { openDatabase } from './open.js';

/**
 * Processes racing for the lock run the compiled module (a child process does not go through
 * Vitest's TypeScript transform); `npm test` builds first.
 */
const COMPILED = fileURLToPath(new URL('../dist/data-dir-lock.js', import.meta.url));

const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-lock-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A lock file as another holder would have written it. */
function plant(dir: string, holder: Partial<LockHolder>): LockHolder {
  const full: LockHolder = {
    pid: process.ppid,
    hostname: hostname(),
    command: 'taizhang serve',
    startedAt: '2026-12-04T11:20:00.000Z',
    token: 'ab'.repeat(16),
    ...holder,
  };
  writeFileSync(join(dir, DATA_DIR_LOCK_FILE), JSON.stringify(full));
  return full;
}

/** The process id of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid as number;
  await new Promise((resolve) => child.once('exit', resolve));
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  return pid;
}

function refusal(run: () => unknown): DataDirInUseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataDirInUseError);
    return error as DataDirInUseError;
  }
  throw new Error('expected the lock to be refused');
}

/** The files of a data directory other than the lock: a takeover leaves no claim or prepared file behind. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith(`${DATA_DIR_LOCK_FILE}.`));
}

describe('the data directory lock', () => {
  it('records who holds it, refuses a second opening in this process, and is gone once released', () => {
    const dir = join(tempDir(), 'data');
    const lock = lockDataDir(dir, { command: 'taizhang ledger add' });
    const onDisk = JSON.parse(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8'));
    expect(onDisk).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'taizhang ledger add' });
    expect(onDisk.token).toBe(lock.holder.token);
    expect(Date.parse(onDisk.startedAt)).toBeGreaterThan(Date.now() - 60_000);

    const second = refusal(() => lockDataDir(dir));
    expect(second.message).toContain(`数据目录 ${dir} 已在本进程中打开（taizhang ledger add，自 `);
    expect(readDataDirLock(dir)?.token).toBe(lock.holder.token);

    lock.release();
    expect(existsSync(join(dir, DATA_DIR_LOCK_FILE))).toBe(false);
    lock.release();
    const again = lockDataDir(dir);
    expect(leftovers(dir)).toEqual([]);
    again.release();
  });

  it('names a live holder of this machine, in Beijing time, and leaves its lock alone', () => {
    const dir = tempDir();
    // The parent of this test process is alive for as long as the test runs.
    const holder = plant(dir, { pid: process.ppid });
    const error = refusal(() => lockDataDir(dir));
    expect(error.message).toBe(
      `数据目录 ${dir} 正被另一个进程使用（进程号 ${process.ppid}，taizhang serve，自 2026-12-04 19:20 起，北京时间），` +
        '为防止数据丢失，不能同时打开。请先停止该进程，或通过网页和接口操作。',
    );
    expect(error.holder).toEqual(expect.objectContaining({ pid: holder.pid, token: holder.token }));
    expect(readDataDirLock(dir)?.token).toBe(holder.token);
  });

  it('never clears a lock taken on another machine, and says how to', async () => {
    const dir = tempDir();
    // Its process id means nothing here, even that of no process at all.
    const holder = plant(dir, { hostname: 'other-host', pid: await deadPid() });
    const error = refusal(() => lockDataDir(dir));
    expect(error.message).toContain('正被另一台计算机（other-host）上的进程使用');
    expect(error.message).toContain('不会自动清除这把锁');
    expect(error.message).toContain(`请删除锁文件 ${join(dir, DATA_DIR_LOCK_FILE)} 后重试`);
    expect(readDataDirLock(dir)?.token).toBe(holder.token);
  });

  it('refuses a lock file it cannot read, rather than guess', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), '{"pid": 0}');
    expect(refusal(() => lockDataDir(dir)).message).toContain('内容无法识别');
  });

  it('clears the lock of a process that no longer exists, with a note, and takes it', async () => {
    const dir = tempDir();
    const pid = await deadPid();
    plant(dir, { pid });
    const notes: string[] = [];
    const lock = lockDataDir(dir, { onStaleCleared: (note) => notes.push(note) });
    expect(notes).toEqual([
      `已清除失效的锁：进程 ${pid} 已不存在（taizhang serve；自 2026-12-04 19:20 起，北京时间；数据目录 ${dir}）`,
    ]);
    expect(readDataDirLock(dir)).toMatchObject({ pid: process.pid, token: lock.holder.token });
    expect(leftovers(dir)).toEqual([]);
    lock.release();
  });

  it('clears the lock of an earlier run under this same process id, and of a boot since ended', () => {
    const dir = tempDir();
    plant(dir, { pid: process.pid, processStartedAt: '2020-01-01T00:00:00.000Z' });
    const notes: string[] = [];
    lockDataDir(dir, { onStaleCleared: (note) => notes.push(note) }).release();
    expect(notes[0]).toContain('由同一进程号的上一次运行留下');

    const bootFile = '/proc/sys/kernel/random/boot_id';
    if (!existsSync(bootFile)) return;
    plant(dir, { pid: process.ppid, bootId: '00000000-0000-0000-0000-000000000000' });
    lockDataDir(dir, { onStaleCleared: (note) => notes.push(note) }).release();
    expect(notes[1]).toContain(
      `进程 ${process.ppid} 已不存在（taizhang serve；自 2026-12-04 19:20 起，北京时间；本机在其后重新启动过`,
    );
  });

  it('clears a lock whose process id now belongs to another program (Linux)', () => {
    if (!existsSync(`/proc/${process.ppid}/stat`)) return;
    const dir = tempDir();
    plant(dir, { pid: process.ppid, processStart: '1' });
    const notes: string[] = [];
    lockDataDir(dir, { onStaleCleared: (note) => notes.push(note) }).release();
    expect(notes[0]).toContain('该进程号现属另一程序');
  });

  it('lets a worker thread open under the lock its starter holds, and no other', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => checkDataDirLock(dir, lock.holder.token)).not.toThrow();
    expect(refusal(() => checkDataDirLock(dir, 'cd'.repeat(16))).message).toContain('已在本进程中打开');
    lock.release();
    expect(refusal(() => checkDataDirLock(dir, lock.holder.token)).message).toContain('已不存在或无法识别');
  });

  it('shows Beijing time whatever the time zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (date) => {
          const parts = Object.fromEntries(
            new Intl.DateTimeFormat('en-GB', {
              timeZone: 'Asia/Shanghai',
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
              hourCycle: 'h23',
            })
              .formatToParts(date)
              .map((p) => [p.type, p.value]),
          );
          expect(beijingTime(date.toISOString())).toBe(
            `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`,
          );
        },
      ),
    );
  });

  it('is taken by openDatabase before PGlite touches the directory', async () => {
    const dir = join(tempDir(), 'data');
    const lock = lockDataDir(dir, { command: 'taizhang serve' });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/已在本进程中打开（taizhang serve，/);
    expect(readdirSync(dir)).toEqual([DATA_DIR_LOCK_FILE]);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

/**
 * A process that, told "go" on its standard input, tries to take the lock on `dir`, says
 * what came of it as one JSON line, and keeps the lock until its input ends; `exit` makes it
 * leave at once through process.exit without releasing anything.
 */
function contender(dir: string, then: 'hold' | 'exit' = 'hold') {
  const script = `
    import { lockDataDir } from ${JSON.stringify(pathToFileURL(COMPILED).href)};
    import { createInterface } from 'node:readline';
    const lines = createInterface({ input: process.stdin });
    console.log(JSON.stringify({ ready: true }));
    for await (const line of lines) {
      // Everyone spins until the same instant, so that the attempts truly overlap.
      const at = Number(line);
      while (Date.now() < at);
      try {
        lockDataDir(${JSON.stringify(dir)}, { command: 'contender', onStaleCleared: () => {} });
        console.log(JSON.stringify({ won: true }));
        if (${JSON.stringify(then)} === 'exit') process.exit(0);
      } catch (error) {
        console.log(JSON.stringify({ refused: error.message }));
      }
    }
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const next = async (): Promise<{ ready?: true; won?: true; refused?: string }> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the contender ended without answering');
    return JSON.parse(value);
  };
  return { child, next, go: (at = Date.now()) => child.stdin?.write(`${at}\n`) };
}

describe('the data directory lock across processes', () => {
  beforeAll(() => {
    if (!existsSync(COMPILED)) throw new Error(`${COMPILED} is missing: build first (npx tsc -b)`);
  });

  it('lets exactly one of several processes starting at once take it', async () => {
    for (const stale of [false, true]) {
      for (let round = 0; round < (stale ? 3 : 1); round++) {
        const dir = tempDir();
        // With a stale lock in place every contender also races to clear it.
        if (stale) plant(dir, { pid: await deadPid() });
        const racers = Array.from({ length: 5 }, () => contender(dir));
        for (const racer of racers) expect(await racer.next()).toEqual({ ready: true });
        const at = Date.now() + 200;
        for (const racer of racers) racer.go(at);
        const outcomes = await Promise.all(racers.map((racer) => racer.next()));
        const winners = racers.filter((_, i) => outcomes[i]?.won);
        expect(winners).toHaveLength(1);
        const winner = winners[0]?.child.pid;
        for (const outcome of outcomes.filter((o) => !o.won)) {
          expect(outcome.refused).toContain(`正被另一个进程使用（进程号 ${winner}，contender，`);
        }
        expect(readDataDirLock(dir)?.pid).toBe(winner);
        expect(leftovers(dir)).toEqual([]);
      }
    }
  });

  it('is released by a process that exits without closing, and cleared after one that is killed', async () => {
    const dir = tempDir();
    const leaving = contender(dir, 'exit');
    await leaving.next();
    leaving.go();
    expect(await leaving.next()).toEqual({ won: true });
    await new Promise((resolve) => leaving.child.once('exit', resolve));
    expect(existsSync(join(dir, DATA_DIR_LOCK_FILE))).toBe(false);

    const killed = contender(dir);
    await killed.next();
    killed.go();
    expect(await killed.next()).toEqual({ won: true });
    const pid = killed.child.pid;
    killed.child.kill('SIGKILL');
    await new Promise((resolve) => killed.child.once('exit', resolve));
    expect(readDataDirLock(dir)?.pid).toBe(pid);
    const notes: string[] = [];
    lockDataDir(dir, { onStaleCleared: (note) => notes.push(note) }).release();
    expect(notes).toEqual([expect.stringContaining(`已清除失效的锁：进程 ${pid} 已不存在（contender；`)]);
  });
});
