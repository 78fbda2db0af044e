import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchPostgres, postgresRequired } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { capture } from '../io.test-helpers.js';
import { EXIT, main } from '../main.js';

/** PGlite in a directory, and a scratch database of the PostgreSQL server when one is given. */
const shells: { name: string; env(): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> }[] = [
  { name: 'pglite', env: async () => ({ env: {}, drop: async () => undefined }) },
];
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  shells.push({
    name: 'postgres',
    async env() {
      const scratch = await createScratchPostgres(adminUrl);
      return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
    },
  });
} else if (postgresRequired()) {
  throw new Error('DATABASE_URL is required here but is not set');
}

describe.each(shells)('taizhang serve on $name', (shell) => {
  it('serves the demo with its accounts printed, and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'taizhang-serve-'));
    const { env, drop } = await shell.env();
    const io = capture();
    const { text } = io;
    try {
      const run = main(
        ['serve', '--port', '0', '--data', join(dir, 'data'), '--demo', '--log-level', 'error'],
        io,
        env,
      );
      while (!text.out.includes('按 Ctrl+C')) {
        if (text.err !== '') throw new Error(text.err);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(text.out).toMatch(/台账已启动：http:\/\/localhost:\d+/);
      expect(text.out).toContain('密码均为 Taizhang@2021');
      expect(text.out).toMatch(/planfin\s+股室填报员\s+计划财务股\s+李晓梅/);
      const url = /台账已启动：(\S+)/.exec(text.out)?.[1];
      const health = await fetch(`${url}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', engine: env.DATABASE_URL ? 'postgres' : 'pglite' });
      process.emit('SIGTERM', 'SIGTERM');
      expect(await run).toBe(EXIT.ok);
      expect(text.out).toContain('台账服务已停止');
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    } finally {
      await drop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says so in Chinese when the port is taken', async () => {
    const { env, drop } = await shell.env();
    const dir = await mkdtemp(join(tmpdir(), 'taizhang-serve-'));
    const blocker = (await import('node:net')).createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = String((blocker.address() as { port: number }).port);
    const io = capture();
    const { text } = io;
    try {
      expect(await main(['serve', '--port', port, '--data', join(dir, 'data')], io, env)).toBe(EXIT.userError);
      expect(text.err).toContain(`端口 ${port} 已被占用`);
    } finally {
      blocker.close();
      await drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
