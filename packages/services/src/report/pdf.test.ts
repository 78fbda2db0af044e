import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { Block, ReportDocument } from '@taizhang/core';
import { renderDocx } from '@taizhang/render';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UserError } from '../user-error.js';
import { ConversionQueue, convertDocxToPdf } from './pdf.js';

const run = promisify(execFile);

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** A process's state letter from /proc (R, S, D running or waiting; Z a zombie left to be reaped), or gone. */
async function runningState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined ? 'gone' : (/\) (\w)/.exec(stat)?.[1] ?? '?');
}

/** Processes of the group `pgid` that are still alive (not zombies waiting to be reaped). */
async function liveInGroup(pgid: number): Promise<number> {
  let live = 0;
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // after "(comm) ": state, ppid, pgrp
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && /^[RSD]$/.test(fields[0] ?? '')) live++;
  }
  return live;
}

const TITLE = '示范区住房和城乡建设局2021年工作总结';
const SENTENCE = '城市功能得到全面优化';

/** A report long enough for several pages: 40 paragraphs under five headings, and a closing. */
function longReport(): ReportDocument {
  const text = (value: string) => ({ kind: 'text' as const, text: value });
  const headings = ['一、履职尽责方面', '二、正风肃纪方面', '三、优化服务方面', '四、工作效率方面', '五、廉政建设方面'];
  const blocks: Block[] = [];
  for (let i = 0; i < 40; i++) {
    if (i % 8 === 0) blocks.push({ kind: 'heading', level: 1, inlines: [text(headings[i / 8] ?? '')] });
    blocks.push({
      kind: 'paragraph',
      lead: i % 8 === 0,
      inlines: [
        text(
          i % 8 === 0
            ? `──全力抓基础设施补短板，${SENTENCE}。`
            : `第${i + 1}段：污水处理提质增效项目正在进行项目前期工作，完成新旧管网搭接及调节水池施工。`,
        ),
        text('一是在建九曲文河、星乐山水苑游园，已建成小绿地'),
        { kind: 'figure', text: String(i + 3), ref: 0 },
        text('块，基本实现了生活垃圾减量化、资源化、无害化处理目标。'),
      ],
    });
  }
  blocks.push({ kind: 'closing', lines: [[text('示范区住房和城乡建设局')], [text('2021年10月31日')]] });
  return {
    title: [text(TITLE)],
    blocks,
    provenance: [],
    missing: [],
    meta: {
      organisation: { code: 'shifanqu', name: '示范区住房和城乡建设局' },
      year: 2021,
      through: 10,
      date: '2021年10月31日',
      issued: { year: 2021, month: 10, day: 31 },
    },
  };
}

describe('convertDocxToPdf, when LibreOffice cannot do it', () => {
  let scripts = '';

  beforeAll(async () => {
    scripts = await mkdtemp(join(tmpdir(), 'taizhang-fake-soffice-'));
  });

  afterAll(async () => {
    if (scripts !== '') await rm(scripts, { recursive: true, force: true });
  });

  /** A stand-in for soffice: a shell script. */
  async function fakeSoffice(name: string, body: string): Promise<string> {
    const path = join(scripts, name);
    await writeFile(path, `#!/bin/sh\nPATH=/usr/bin:/bin:$PATH\n${body}\n`, { mode: 0o755 });
    return path;
  }

  test('without it, says how to install it, as a UserError', async () => {
    const conversion = convertDocxToPdf(new Uint8Array([1, 2, 3]), { soffice: '/nonexistent/soffice' });
    await expect(conversion).rejects.toBeInstanceOf(UserError);
    await expect(conversion).rejects.toMatchObject({ code: 'PDF_NO_LIBREOFFICE' });
    await expect(conversion).rejects.toThrow('apt-get install libreoffice-writer-nogui fonts-noto-cjk');
  });

  test('a conversion that writes no PDF is a failure even when soffice exits 0', async () => {
    const soffice = await fakeSoffice('silent', 'exit 0');
    await expect(convertDocxToPdf(new Uint8Array([1]), { soffice })).rejects.toMatchObject({
      code: 'PDF_FAILED',
      message: 'LibreOffice 未能把报告转换为 PDF：没有生成 PDF 文件',
    });
  });

  test('a failed conversion is reported with what LibreOffice printed', async () => {
    const soffice = await fakeSoffice('failing', 'echo "Error: source file could not be loaded" >&2; exit 1');
    await expect(convertDocxToPdf(new Uint8Array([1]), { soffice })).rejects.toMatchObject({
      code: 'PDF_FAILED',
      message: 'LibreOffice 未能把报告转换为 PDF：退出码 1',
      details: ['Error: source file could not be loaded'],
    });
  });

  test('a conversion past its time limit is stopped, with everything it started', async () => {
    const pidFile = join(scripts, 'child.pid');
    // Like soffice, a launcher that leaves the work to a child process.
    const soffice = await fakeSoffice('hanging', `sleep 30 & echo $! > ${pidFile}; wait`);
    await expect(convertDocxToPdf(new Uint8Array([1]), { soffice, timeoutMs: 500 })).rejects.toMatchObject({
      code: 'PDF_TIMEOUT',
    });
    const child = Number(await readFile(pidFile, 'utf8'));
    expect(await runningState(child)).not.toMatch(/^[RSD]$/);
  });

  test('conversions past the running and waiting places are refused at once with PDF_BUSY', async () => {
    const release = join(scripts, 'release');
    // Holds its place until the test lets it go, then writes the PDF.
    const soffice = await fakeSoffice(
      'queued',
      `while [ ! -e ${release} ]; do sleep 0.05; done; for a; do out=$a; done; printf '%%PDF-' > "\${out%.docx}.pdf"`,
    );
    const queue = new ConversionQueue({ running: 1, waiting: 2 });
    const started: number[] = [];
    const conversions = [1, 2, 3].map(() =>
      convertDocxToPdf(new Uint8Array([1]), { soffice, queue, onStart: (pid) => started.push(pid) }),
    );
    await expect(convertDocxToPdf(new Uint8Array([1]), { soffice, queue })).rejects.toMatchObject({
      code: 'PDF_BUSY',
      message: 'PDF 转换排队已满（1 份正在转换，2 份在等待），请稍后重试',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started).toHaveLength(1);
    await writeFile(release, '');
    const pdfs = await Promise.all(conversions);
    expect(pdfs.map((pdf) => Buffer.from(pdf).toString())).toEqual(['%PDF-', '%PDF-', '%PDF-']);
    expect(started).toHaveLength(3);
    // a failed conversion frees its place too
    await expect(
      convertDocxToPdf(new Uint8Array([1]), { soffice: '/nonexistent/soffice', queue }),
    ).rejects.toMatchObject({
      code: 'PDF_NO_LIBREOFFICE',
    });
    await expect(convertDocxToPdf(new Uint8Array([1]), { soffice, queue })).resolves.toHaveLength(5);
  });
});

const missingTools = ['soffice', 'pdfinfo', 'pdftotext'].filter((command) => !onPath(command));
const why = `${missingTools.join(', ')} not installed: apt-get install --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk`;

// CI installs LibreOffice and poppler (.ci/run): there a missing tool is a failure, never a skip.
if (missingTools.length > 0 && process.env.CI === 'true') {
  test('LibreOffice and poppler are installed (required in CI)', () => {
    expect.fail(why);
  });
}

describe.skipIf(missingTools.length > 0)(
  `a report through LibreOffice${missingTools.length > 0 ? ` (skipped: ${why})` : ''}`,
  () => {
    let dir = '';
    let pdfPath = '';

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'taizhang-pdf-test-'));
      pdfPath = join(dir, 'report.pdf');
      const pdf = await convertDocxToPdf(await renderDocx(longReport()));
      await writeFile(pdfPath, pdf);
    }, 180_000);

    afterAll(async () => {
      if (dir !== '') await rm(dir, { recursive: true, force: true });
    });

    test('is a PDF of A4 pages, more than one', async () => {
      const { stdout } = await run('pdfinfo', [pdfPath]);
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout);
      expect(size, stdout).not.toBeNull();
      // A4 is 210 mm × 297 mm: 595.28 × 841.89 pt.
      expect(Number(size?.[1])).toBeCloseTo(595.3, 0);
      expect(Number(size?.[2])).toBeGreaterThanOrEqual(841);
      expect(Number(size?.[2])).toBeLessThanOrEqual(842.5);
      const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(2);
    });

    test('five conversions at once: at most two LibreOffices run, each with its own profile, and all five finish', async () => {
      const docx = await renderDocx(longReport());
      const queue = new ConversionQueue({ running: 2, waiting: 3 });
      const groups: number[] = [];
      let most = 0;
      let watching = true;
      const watch = (async () => {
        while (watching) {
          const live = (await Promise.all(groups.map(liveInGroup))).filter((n) => n > 0).length;
          most = Math.max(most, live);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const conversions = Array.from({ length: 5 }, () =>
        convertDocxToPdf(docx, { queue, onStart: (pid) => groups.push(pid) }),
      );
      // a sixth finds both running places and all three waiting places taken
      await expect(convertDocxToPdf(docx, { queue })).rejects.toMatchObject({ code: 'PDF_BUSY' });
      const pdfs = await Promise.all(conversions);
      watching = false;
      await watch;
      expect(groups).toHaveLength(5);
      expect(most).toBe(2);
      for (const pdf of pdfs) expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      for (const pid of groups) expect(await liveInGroup(pid)).toBe(0);
    }, 300_000);

    test('a conversion past its time limit fails with PDF_TIMEOUT and leaves no LibreOffice process behind', async () => {
      const groups: number[] = [];
      const conversion = convertDocxToPdf(await renderDocx(longReport()), {
        timeoutMs: 300,
        onStart: (pid) => groups.push(pid),
      });
      await expect(conversion).rejects.toMatchObject({ code: 'PDF_TIMEOUT' });
      expect(groups).toHaveLength(1);
      expect(await liveInGroup(groups[0] as number)).toBe(0);
    }, 60_000);

    test('shows the title, the body and "— N —" page numbers', async () => {
      const { stdout } = await run('pdftotext', ['-layout', pdfPath, '-']);
      const compact = stdout.replace(/\s+/g, '');
      expect(compact).toContain(TITLE);
      expect(compact).toContain(SENTENCE);
      expect(stdout).toMatch(/—\s*1\s*—/);
      expect(stdout).toMatch(/—\s*2\s*—/);
    });
  },
);
