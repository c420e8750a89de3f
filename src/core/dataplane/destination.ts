// Parse a request's destination the way curl, ping and nc take it: a URL, HOST[:PORT], or IP[:PORT].
import { parseIPv4 } from '../net/ipv4';
import { ip4 } from '../controllers/kube-proxy/ip4';
import type { L4 } from './types';

export interface Destination {
  scheme: 'http' | 'https' | null;
  host: string;
  /** true when `host` is an IPv4 literal */
  isIP: boolean;
  port: number | null;
  path: string;
  protocol: L4;
}

/** parseIPv4(host) !== null; a plain dotted quad (each field 1–3 digits, ≤ 255, which parseIPv4 accepts too) is
 *  recognised without parseIPv4's byte-array allocation, anything else goes to parseIPv4. */
const isIPv4 = (host: string): boolean => ip4(host) !== null || parseIPv4(host) !== null;

/**
 * "IP:PORT" (digits and dots, one colon, a port in range): exactly what the HOST[:PORT] branch below
 * returns for it, without the three regular expressions (every trace of the benchmark starts here).
 * Anything else, and every error, is left to the general parser.
 */
function ipPort(t: string, protocol: L4 | undefined): Destination | null {
  const colon = t.indexOf(':');
  if (colon <= 0 || colon === t.length - 1 || t.length - colon - 1 > 5) return null;
  for (let i = 0; i < colon; i++) {
    const c = t.charCodeAt(i);
    if (c !== 46 && (c < 48 || c > 57)) return null;
  }
  let port = 0;
  for (let i = colon + 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    port = port * 10 + (c - 48);
  }
  const proto = protocol ?? 'TCP';
  if (port < 1 || port > 65535 || proto === 'ICMP') return null;
  const host = t.slice(0, colon);
  return { scheme: null, host, isIP: isIPv4(host), port, path: '/', protocol: proto };
}

export function parseDestination(to: string, protocol?: L4): Destination | { error: string } {
  const t = to.trim();
  if (!t) return { error: 'the destination is empty' };
  const fast = ipPort(t, protocol);
  if (fast) return fast;
  const url = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)?/i.exec(t);
  if (url) {
    const scheme = url[1].toLowerCase() as 'http' | 'https';
    const port = url[3] ? Number(url[3]) : scheme === 'https' ? 443 : 80;
    if (port < 1 || port > 65535) return { error: `port ${url[3]} is out of range (1-65535)` };
    if (protocol && protocol !== 'TCP') return { error: `${scheme.toUpperCase()} runs over TCP, not ${protocol}` };
    const host = url[2].toLowerCase();
    return { scheme, host, isIP: isIPv4(host), port, path: url[4] || '/', protocol: 'TCP' };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return { error: `unsupported scheme in ${JSON.stringify(t)} (use http:// or https://)` };
  const hp = /^([^:/\s]+)(?::(\d+))?$/.exec(t);
  if (!hp) return { error: `cannot read destination ${JSON.stringify(t)}: use a URL, HOST[:PORT] or IP[:PORT]` };
  const proto = protocol ?? 'TCP';
  const port = hp[2] ? Number(hp[2]) : null;
  if (port !== null && (port < 1 || port > 65535)) return { error: `port ${hp[2]} is out of range (1-65535)` };
  if (port === null && proto !== 'ICMP') return { error: `${JSON.stringify(t)} has no port: give HOST:PORT, a URL, or --protocol ICMP for a ping` };
  if (port !== null && proto === 'ICMP') return { error: 'ICMP has no ports: give just the host for a ping' };
  const host = hp[1].toLowerCase();
  return { scheme: null, host, isIP: isIPv4(host), port, path: '/', protocol: proto };
}
