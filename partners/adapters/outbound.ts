import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Where Tailgate's outbound calls may go (carrier APIs, webhooks, escalation contacts, carrier alerts): public
 * addresses only. Loopback, private, link-local (cloud metadata at 169.254.169.254), unique-local, carrier-grade NAT
 * and reserved addresses are refused when a URL is registered and again each time a connection is made, after DNS
 * resolution, so a name that later resolves somewhere private (DNS rebinding) is refused too. An allow-list
 * (OUTBOUND_ALLOW) names the exceptions: addresses or CIDR ranges, any port, or `IPv4:port` / `[IPv6]:port`.
 */

/** The call would go somewhere Tailgate does not call. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
}

type Allowed = { range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port?: number };

/** Parses one allow-list entry; undefined when it is not one. */
export function parseAllowEntry(entry: string): Allowed | undefined {
  const withPort = /^\[([^\]]+)\]:(\d+)$/.exec(entry) ?? /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(entry);
  const [address, port] = withPort ? [withPort[1]!, Number(withPort[2])] : [entry, undefined];
  try {
    const range = address.includes('/') ? ipaddr.parseCIDR(address) : ipaddr.parse(address);
    const cidr: Allowed['range'] = Array.isArray(range) ? range : [range, range.kind() === 'ipv4' ? 32 : 128];
    return port === undefined ? { range: cidr } : { range: cidr, port };
  } catch {
    return undefined;
  }
}

const plain = (address: string) => {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
};

export type OutboundGuard = {
  /** Why `url` may not be called (checked against what its host resolves to now), or undefined when it may. */
  refusal(url: string): Promise<string | undefined>;
  /** fetch that refuses, at connect time, any address `refusal` would refuse (OutboundRefusedError as cause). */
  fetch: typeof undiciFetch;
};

/** Builds the guard from the allow-list setting (parsed entries; see parseAllowEntry). */
export function outboundGuard(allowList: readonly string[]): OutboundGuard {
  const allowed = allowList.map((entry) => {
    const parsed = parseAllowEntry(entry);
    if (!parsed) throw new Error(`not an address, CIDR range or address:port: ${entry}`);
    return parsed;
  });
  const refusedAddress = (address: string, port: number): string | undefined => {
    const ip = plain(address);
    if (ip.range() === 'unicast') return undefined;
    const permitted = allowed.some(
      (a) => a.range[0].kind() === ip.kind() && ip.match(a.range as never) && (a.port === undefined || a.port === port),
    );
    return permitted ? undefined : `${address} is a ${ip.range()} address (allow it with OUTBOUND_ALLOW)`;
  };
  const agents = new Map<string, Agent>();
  const agentFor = (url: URL, port: number) => {
    let agent = agents.get(url.origin);
    if (!agent) {
      if (agents.size >= 1000) agents.clear();
      agent = new Agent({ connect: { lookup: checkedLookup(port, refusedAddress) } });
      agents.set(url.origin, agent);
    }
    return agent;
  };
  return {
    async refusal(url) {
      if (!URL.canParse(url)) return 'it is not an absolute http(s) URL';
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return `${target.protocol} is not http(s)`;
      const port = portOf(target);
      const host = target.hostname.replace(/^\[|\]$/g, '');
      if (ipaddr.isValid(host)) return refusedAddress(host, port);
      // A name that does not resolve (yet, or within a few seconds) is checked again when a connection is made.
      const addresses = await resolveWithin(host, REGISTRATION_LOOKUP_MS);
      return addresses.map((a) => refusedAddress(a.address, port)).find((reason) => reason !== undefined);
    },
    fetch: ((input: string | URL, init?: Parameters<typeof undiciFetch>[1]) => {
      const target = new URL(String(input));
      const port = portOf(target);
      const host = target.hostname.replace(/^\[|\]$/g, '');
      // An address written in the URL is never looked up: check it here.
      const refused = ipaddr.isValid(host) ? refusedAddress(host, port) : undefined;
      if (refused) return Promise.reject(new TypeError('fetch failed', { cause: new OutboundRefusedError(refused) }));
      return undiciFetch(target, { ...init, dispatcher: agentFor(target, port) });
    }) as typeof undiciFetch,
  };
}

/** How long registering a URL waits for DNS before leaving the check to connection time. */
const REGISTRATION_LOOKUP_MS = 2_000;

function resolveWithin(host: string, ms: number): Promise<dns.LookupAddress[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), ms);
    dns.lookup(host, { all: true }, (err, addresses) => {
      clearTimeout(timer);
      resolve(err ? [] : addresses);
    });
  });
}

const portOf = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** dns.lookup that refuses addresses the guard refuses: used by each new connection, so rebinding is caught. */
function checkedLookup(
  port: number,
  refusedAddress: (address: string, port: number) => string | undefined,
): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const refused = addresses.map((a) => refusedAddress(a.address, port)).find((r) => r !== undefined);
      if (refused) return callback(new OutboundRefusedError(`${hostname}: ${refused}`), '');
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Whether a failed fetch was the guard's refusal, and why. */
export const refusedBecause = (err: unknown): string | undefined => {
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return cause instanceof OutboundRefusedError ? cause.message : undefined;
};
