import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How long the HTTP thread's event loop waits before it can run what is ready: the measure
 * that the database and reports are kept off this thread. Read by /api/health, the periodic
 * log line and the server benchmark (bench/server.bench.mjs).
 */
export interface EventLoopDelay {
  /** milliseconds since the last reset */
  snapshot(): { p50: number; p99: number; max: number; samples: number };
  reset(): void;
  stop(): void;
}

/** The sampling timer's period: every sample is this period plus the delay, so it is taken off. */
const RESOLUTION_MS = 10;

const ms = (nanoseconds: number) => Math.max(0, Math.round(nanoseconds / 10_000) / 100 - RESOLUTION_MS);

export function watchEventLoop(): EventLoopDelay {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  return {
    snapshot: () => ({
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      samples: histogram.count,
    }),
    reset: () => histogram.reset(),
    stop: () => histogram.disable(),
  };
}
