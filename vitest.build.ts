import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Vitest compiles the sources it imports, but the backend worker runs in a thread of its own
 * from the packages' compiled output (dist/), which vitest never sees. Building before the
 * tests keeps that worker the code under test after any source change; `tsc -b` does nothing
 * when the build is current.
 */
export default function buildFirst(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b'], { stdio: 'inherit' });
}
