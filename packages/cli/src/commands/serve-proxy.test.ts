import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture } from '../io.test-helpers.js';
import { EXIT, main } from '../main.js';

describe('taizhang serve --trust-proxy', () => {
  it('refuses to trust every client: no list, or true, exits 2 in Chinese before anything starts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'taizhang-proxy-'));
    try {
      for (const args of [['--trust-proxy'], ['--trust-proxy', 'true'], ['--trust-proxy', '']]) {
        const io = capture();
        const { text } = io;
        expect(await main(['serve', '--port', '0', '--data', join(dir, 'data'), ...args], io, {})).toBe(EXIT.userError);
        expect(text.err).toContain('--trust-proxy 需要列出受信任的反向代理地址或网段');
        expect(text.out).not.toContain('台账已启动');
      }
      const io = capture();
      const { text } = io;
      const bad = ['serve', '--port', '0', '--data', join(dir, 'data'), '--trust-proxy', '10.0.0.1,10.0.0.0/40'];
      expect(await main(bad, io, {})).toBe(EXIT.userError);
      expect(text.err).toContain('"10.0.0.0/40" 的前缀长度应为 0 至 32');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves behind the proxies it is given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'taizhang-proxy-'));
    const io = capture();
    const { text } = io;
    try {
      const run = main(
        [
          'serve',
          '--port',
          '0',
          '--data',
          join(dir, 'data'),
          '--trust-proxy',
          'loopback,10.0.0.0/8',
          '--log-level',
          'error',
        ],
        io,
        {},
      );
      while (!text.out.includes('按 Ctrl+C')) {
        if (text.err !== '') throw new Error(text.err);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const url = /台账已启动：(\S+)/.exec(text.out)?.[1];
      const health = await fetch(`${url}/api/health`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(health.status).toBe(200);
      expect(health.headers.get('cache-control')).toBe('no-store');
      process.emit('SIGTERM', 'SIGTERM');
      expect(await run).toBe(EXIT.ok);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
