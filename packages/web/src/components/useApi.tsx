import { type DependencyList, useCallback, useEffect, useState } from 'react';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** replaces the data in place (after a save answered with the new row) */
  setData(update: (data: T | undefined) => T | undefined): void;
}

/**
 * Loads data for a component and reloads it when `deps` change. Answers to superseded
 * requests are dropped; a reload keeps showing the previous data until the new arrives,
 * while a change of `deps` clears it, so a page never shows one period's data under another.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): ApiState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const [depsKey, setDepsKey] = useState<DependencyList>(deps);

  if (deps.length !== depsKey.length || deps.some((dep, i) => !Object.is(dep, depsKey[i]))) {
    setDepsKey(deps);
    setDataState(undefined);
    setLoading(true);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new closure every render; depsKey and nonce say when to call it again
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    load(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setDataState(result);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setDataState(undefined);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [depsKey, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
