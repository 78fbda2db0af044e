/**
 * One process per embedded database: with `taizhang serve` running on a data directory, the
 * commands that would open the same directory are refused, naming the server, and write
 * nothing; what the command line acknowledges once the server has stopped survives the
 * server's next run and its crash; the lock a crash leaves behind is cleared by the next
 * opener. Every process here is a real one, running the built command (`npm test` builds first).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR_LOCK_FILE, openDatabase, readDataDirLock } from '@taizhang/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, main } from './main.js';

const BIN = fileURLToPath(new URL('../bin/taizhang.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The embedded database whatever the test run's DATABASE_URL: the lock is PGlite's alone. */
const ENV = { ...process.env, DATABASE_URL: '' };

const children: ChildProcess[] = [];

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs one command to its end. */
function taizhang(...argv: string[]): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...argv], { env: ENV });
  children.push(child);
  const run = { out: '', err: '' };
  child.stdout.on('data', (chunk) => {
    run.out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    run.err += chunk;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, ...run })));
}

interface Server {
  child: ChildProcess;
  /** resolves with the address once it serves, or with its exit when it could not start */
  started: Promise<{ url: string } | Run>;
  exited: Promise<Run>;
}

/** `taizhang serve` on `data`, on a free port. */
function serve(data: string): Server {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', data, '--port', '0', '--log-level', 'error'], {
    env: ENV,
  });
  children.push(child);
  const run = { out: '', err: '' };
  const exited = new Promise<Run>((resolve) => child.once('close', (code) => resolve({ code, ...run })));
  const started = new Promise<{ url: string } | Run>((resolve) => {
    child.stdout.on('data', (chunk) => {
      run.out += chunk;
      const url = /台账已启动：(\S+)/.exec(run.out)?.[1];
      if (url) resolve({ url });
    });
    void exited.then(resolve);
  });
  child.stderr.on('data', (chunk) => {
    run.err += chunk;
  });
  return { child, started, exited };
}

async function serving(server: Server): Promise<string> {
  const started = await server.started;
  if (!('url' in started)) throw new Error(`the server did not start: ${started.err}`);
  return started.url;
}

const holderMessage = (data: string, pid: number | undefined) =>
  `数据目录 ${data} 正被另一个进程使用（进程号 ${pid}，taizhang serve，自 `;

describe('one process per embedded data directory', () => {
  let dir: string;
  let data: string;
  let other: string;

  beforeAll(async () => {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build first (npx tsc -b)`);
    dir = await mkdtemp(join(tmpdir(), 'taizhang-lock-cli-'));
    data = join(dir, 'data');
    const dataset = (code: string) =>
      [
        'format: taizhang-dataset/1',
        `organisation: { code: ${code}, name: 锁测试区住房和城乡建设局 }`,
        'sections: [{ code: office, name: 办公室 }]',
        'indicators: []',
        '',
      ].join('\n');
    await writeFile(join(dir, 'district.yaml'), dataset('lock-test'));
    other = join(dir, 'other.yaml');
    await writeFile(other, dataset('lock-other'));
    const io = { out: () => undefined, err: () => undefined };
    expect(await main(['load', join(dir, 'district.yaml'), '--data', data], io, ENV)).toBe(EXIT.ok);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const complaint = (ref: string) =>
    JSON.stringify({
      ref,
      section: 'office',
      channel: '电话',
      receivedAt: '2021-06-01 09:00',
      category: '物业管理',
      summary: '两个进程同开一个数据目录',
    });

  it('while the server runs, ledger add, load and demo are refused naming it, and acknowledge nothing', async () => {
    const server = serve(data);
    const url = await serving(server);
    expect(readDataDirLock(data)).toMatchObject({ pid: server.child.pid, command: 'taizhang serve' });

    const refused = await Promise.all([
      taizhang('ledger', 'add', 'complaints', '--data', data, '--json', complaint('LOCK-REFUSED')),
      taizhang('load', other, '--data', data),
      taizhang('demo', '--data', data),
    ]);
    for (const run of refused) {
      expect(run.code).toBe(EXIT.userError);
      expect(run.out).toBe('');
      expect(run.err).toContain(holderMessage(data, server.child.pid));
      expect(run.err).toMatch(
        /起，北京时间），为防止数据丢失，不能同时打开。请先停止该进程，或通过网页和接口操作。\n$/,
      );
      expect(run.err).not.toMatch(/\n\s+at /);
    }
    // The server was never disturbed.
    expect((await fetch(`${url}/api/health`)).status).toBe(200);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(EXIT.ok);
    expect(existsSync(join(data, DATA_DIR_LOCK_FILE))).toBe(false);
  }, 120_000);

  it('once it has stopped, ledger add goes through; of two servers started at once exactly one runs', async () => {
    const add = await taizhang('ledger', 'add', 'complaints', '--data', data, '--json', complaint('LOCK-KEPT'));
    expect(add).toMatchObject({ code: EXIT.ok, err: '已新增群众投诉 LOCK-KEPT（第 1 版）\n' });

    const servers = [serve(data), serve(data)];
    const outcomes = await Promise.all(servers.map((s) => s.started));
    const winners = servers.filter((_, i) => outcomes[i] !== undefined && 'url' in (outcomes[i] as object));
    expect(winners).toHaveLength(1);
    const winner = winners[0] as Server;
    const loser = outcomes.find((o): o is Run => !('url' in o)) as Run;
    expect(loser.code).toBe(EXIT.userError);
    expect(loser.err).toContain(holderMessage(data, winner.child.pid));

    // The winner crashes: its lock stays behind, naming a process that no longer exists.
    winner.child.kill('SIGKILL');
    await winner.exited;
    expect(readDataDirLock(data)?.pid).toBe(winner.child.pid);
  }, 120_000);

  it('the next opener clears the stale lock; the acknowledged write is there and nothing refused is', async () => {
    const crashed = readDataDirLock(data)?.pid;
    const list = await taizhang('ledger', 'list', 'complaints', '--data', data);
    expect(list.code).toBe(EXIT.ok);
    expect(list.err).toContain(`已清除失效的锁：进程 ${crashed} 已不存在（taizhang serve；`);
    expect(JSON.parse(list.out).map((row: { ref: string }) => row.ref)).toEqual(['LOCK-KEPT']);
    expect(existsSync(join(data, DATA_DIR_LOCK_FILE))).toBe(false);

    const db = await openDatabase({ dataDir: data });
    try {
      const orgs = await db.query<{ code: string }>('select code from organisations order by code');
      expect(orgs.map((o) => o.code)).toEqual(['lock-test']);
    } finally {
      await db.close();
    }
  }, 120_000);
});
