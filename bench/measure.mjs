// What every benchmark shares: a seeded random sequence, a p50 timer, the engines it runs on,
// and the table it prints.
import { performance } from 'node:perf_hooks';
import { testEngines } from '@taizhang/db/testing';

/** A deterministic pseudo-random sequence in [0, 1), so every run measures the same data. */
export function sequence(seed) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** The median time in ms of `runs` runs of `work`, after `warmup` runs that are not counted. */
export async function p50(work, runs = 20, warmup = 3) {
  for (let i = 0; i < warmup; i++) await work();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Prints rows [engine, what, ms, baseline, baselineMs] as a Markdown table with the ratio. */
export function printTable(heading, rows) {
  console.log(`Node ${process.version}; ${heading}\n`);
  console.log('| engine | what | ms | baseline | baseline ms | ratio |');
  console.log('|---|---|---:|---|---:|---:|');
  for (const [engine, what, ms, baseline, baselineMs] of rows) {
    const known = Number.isFinite(baselineMs);
    const ratio = known ? (ms / baselineMs).toFixed(1) : '—';
    console.log(
      `| ${engine} | ${what} | ${ms.toFixed(1)} | ${baseline} | ${known ? baselineMs.toFixed(1) : '—'} | ${ratio} |`,
    );
  }
}

/**
 * Runs `work` on a fresh PGlite in memory, then on a scratch database of the PostgreSQL
 * server in DATABASE_URL when there is one (dropped afterwards), closing each.
 */
export async function eachEngine(work) {
  for (const engine of testEngines({ DATABASE_URL: process.env.DATABASE_URL })) {
    const db = await engine.open();
    try {
      await work(engine.name === 'pglite' ? 'PGlite' : 'PostgreSQL', db);
    } finally {
      await db.close();
    }
  }
}
