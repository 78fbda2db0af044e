import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { refuse } from '../refusals.js';

export interface PdfOptions {
  /** the LibreOffice command; `soffice` on the PATH unless given */
  soffice?: string | undefined;
  /** how long a conversion may take before it is stopped, in milliseconds (120 s) */
  timeoutMs?: number | undefined;
  /** the queue the conversion waits in; the process's own (PDF_LIMITS) unless given */
  queue?: ConversionQueue | undefined;
  /** told the process id of each LibreOffice started, the leader of its process group */
  onStart?: ((pid: number) => void) | undefined;
}

/**
 * How many LibreOffice conversions one process runs at once, and how many more may wait for
 * their turn. Each conversion is a LibreOffice of its own (some 200 MB and a core while it
 * lays out the pages), so a burst of downloads queues instead of starting a LibreOffice each;
 * past the waiting places, a request is refused at once with PDF_BUSY rather than left to
 * time out. With the 120 s limit, the last waiting request is answered within 3 × 120 s.
 */
export const PDF_LIMITS = { running: 2, waiting: 4 } as const;

/** A first-come, first-served queue of conversions: at most `running` at once, `waiting` more. */
export class ConversionQueue {
  private active = 0;
  private readonly queued: (() => void)[] = [];

  constructor(private readonly limits: { running: number; waiting: number } = PDF_LIMITS) {}

  /** Runs `task` when a place is free; refuses with PDF_BUSY when every waiting place is taken. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.running) {
      if (this.queued.length >= this.limits.waiting) {
        throw refuse('PDF_BUSY', this.limits);
      }
      // The place is handed over by the conversion that frees it, so `active` never exceeds the bound.
      await new Promise<void>((resolve) => this.queued.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.queued.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const processQueue = new ConversionQueue();

const INSTALL_HINT = 'Debian/Ubuntu 上请安装：apt-get install libreoffice-writer-nogui fonts-noto-cjk';

/**
 * A DOCX as PDF, through LibreOffice (`soffice --headless --convert-to pdf`): the real
 * word processor lays out the pages, so the PDF shows what Word or WPS would print.
 *
 * Each conversion has a temporary directory of its own, with its own LibreOffice profile
 * (-env:UserInstallation): two conversions sharing a profile would block on its lock, or
 * the second would hand its file to the first and exit without converting. The directory
 * is removed afterwards, whatever happens. Conversions wait their turn in a queue (PDF_LIMITS),
 * and one that outlives its time limit is killed with every process it started.
 *
 * The DOCX names the fonts of GB/T 9704 (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体),
 * which a Linux server rarely has; fontconfig would then set everything in its default sans
 * serif. A fontconfig file of the conversion's own tells it which installed fonts stand in
 * for each — a Song (serif) face for 仿宋, 小标宋 and 楷体, a sans face for 黑体 — and only
 * when the named font is missing.
 */
export function convertDocxToPdf(docx: Uint8Array, options: PdfOptions = {}): Promise<Uint8Array> {
  return (options.queue ?? processQueue).run(() => convert(docx, options));
}

async function convert(docx: Uint8Array, options: PdfOptions): Promise<Uint8Array> {
  const soffice = options.soffice ?? 'soffice';
  const timeoutMs = options.timeoutMs ?? 120_000;
  const dir = await mkdtemp(join(tmpdir(), 'taizhang-pdf-'));
  try {
    const input = join(dir, 'report.docx');
    await writeFile(input, docx);
    const env = { ...process.env };
    const systemFonts = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';
    if (existsSync(systemFonts)) {
      env.FONTCONFIG_FILE = join(dir, 'fonts.conf');
      await writeFile(env.FONTCONFIG_FILE, fontconfig(systemFonts));
    }
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      input,
    ];
    const run = await runBounded(soffice, args, env, timeoutMs, options.onStart);
    if (run.kind === 'missing') {
      throw refuse('PDF_NO_LIBREOFFICE', { command: soffice, install: INSTALL_HINT });
    }
    if (run.kind === 'timeout') {
      throw refuse('PDF_TIMEOUT', { seconds: Math.round(timeoutMs / 1000) });
    }
    const pdf = await readFile(join(dir, 'report.pdf')).catch(() => undefined);
    if (run.code !== 0 || pdf === undefined) {
      // soffice exits 0 when it cannot load a file, so a missing PDF is a failure whatever the exit code.
      const how =
        run.code === 0
          ? '没有生成 PDF 文件'
          : run.code !== null
            ? `退出码 ${run.code}`
            : run.signal !== null
              ? `被信号 ${run.signal} 终止`
              : '无法启动';
      throw refuse('PDF_FAILED', { how }, { details: outputLines(run.output) });
    }
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The fonts the DOCX names (@taizhang/render's layout.ts), each with the fonts that may stand
 * in for it, best first: the Windows names, then what Debian's fonts-noto-cjk and
 * fonts-arphic-* install. fontconfig's <accept> puts them right after the named font, so
 * an installed 仿宋_GB2312 is still used.
 */
const STAND_INS: Record<string, string[]> = {
  仿宋_GB2312: ['仿宋', 'FangSong', 'Noto Serif CJK SC', 'AR PL UMing CN'],
  方正小标宋简体: ['方正小标宋_GBK', '华文中宋', 'STZhongsong', 'Noto Serif CJK SC', 'AR PL UMing CN'],
  楷体_GB2312: ['楷体', 'KaiTi', 'AR PL UKai CN', 'Noto Serif CJK SC'],
  黑体: ['SimHei', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei'],
  宋体: ['SimSun', 'Noto Serif CJK SC', 'AR PL UMing CN'],
};

function fontconfig(systemFonts: string): string {
  const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const aliases = Object.entries(STAND_INS).map(
    ([font, standIns]) =>
      `  <alias binding="same"><family>${xml(font)}</family><accept>${standIns.map((f) => `<family>${xml(f)}</family>`).join('')}</accept></alias>`,
  );
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">${xml(systemFonts)}</include>
${aliases.join('\n')}
</fontconfig>
`;
}

type RunResult =
  | { kind: 'missing' }
  | { kind: 'timeout' }
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; output: string };

/**
 * Runs a command in a process group of its own, so that on timeout the whole group is
 * killed: `soffice` is a launcher, and killing it alone would leave `soffice.bin` running.
 */
function runBounded(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  onStart?: (pid: number) => void,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) onStart?.(child.pid);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(
        error.code === 'ENOENT'
          ? { kind: 'missing' }
          : { kind: 'exited', code: null, signal: null, output: error.message },
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve({ kind: 'timeout' });
      else resolve({ kind: 'exited', code, signal, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has already gone.
  }
}

/** The last lines LibreOffice printed, for the error's details. */
function outputLines(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-10);
}
