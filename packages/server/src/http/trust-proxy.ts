import { isIP } from 'node:net';

/**
 * Which reverse proxies (反向代理) are believed when they say, in X-Forwarded-For and
 * X-Forwarded-Proto, who the client is and whether it came over HTTPS. Only these: a client
 * that reaches the server directly may write any X-Forwarded-For it likes, and believing it
 * would let one guesser pose as many addresses (the sign-in throttle) and forge the address
 * the audit trail records. Fastify (proxy-addr) then walks X-Forwarded-For from the nearest
 * hop back, skipping trusted proxies, and takes the first address that is not one.
 */

/** Names proxy-addr knows for common ranges. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'] as const;

/** Why one entry is no address or range, or undefined when it is one. */
function entryProblem(entry: string): string | undefined {
  if ((NAMED_RANGES as readonly string[]).includes(entry)) return undefined;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" 不是 IP 地址或网段`;
  if (prefix === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return `"${entry}" 的前缀长度应为 0 至 ${bits}`;
  return undefined;
}

/** What `--trust-proxy` without a list, or with `true`, is answered with. */
export const TRUST_PROXY_LIST_NEEDED =
  '--trust-proxy 需要列出受信任的反向代理地址或网段，如 --trust-proxy 127.0.0.1 或 --trust-proxy 10.0.0.1,192.168.0.0/16（本机的代理可写 loopback）；不再支持信任任何来源的 X-Forwarded-For';

/**
 * The trusted proxies of a `--trust-proxy` value: addresses and CIDR ranges separated by
 * commas (`10.0.0.1,192.168.0.0/16`), or `loopback`, `linklocal`, `uniquelocal`. Refuses,
 * in Chinese, an empty value and `true` (which used to mean "trust every client").
 */
export function parseTrustProxy(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0 || entries.some((entry) => ['true', '*', 'all'].includes(entry.toLowerCase()))) {
    throw new Error(TRUST_PROXY_LIST_NEEDED);
  }
  for (const entry of entries) {
    const problem = entryProblem(entry);
    if (problem !== undefined) throw new Error(`--trust-proxy 的值有误：${problem}`);
  }
  return entries;
}

/** The server option as Fastify takes it: the checked list, or false for no proxy at all. */
export function trustedProxies(option: string | readonly string[] | undefined): string[] | false {
  if (option === undefined || (Array.isArray(option) && option.length === 0)) return false;
  // `true` (every client) or a hop count says nothing of which peer is the proxy.
  if (typeof option !== 'string' && !Array.isArray(option)) throw new Error(TRUST_PROXY_LIST_NEEDED);
  return parseTrustProxy(typeof option === 'string' ? option : option.join(','));
}
