// Parse a request's destination the way curl, ping and nc take it: a URL, HOST[:PORT], or IP[:PORT].
import { parseIPv4 } from '../net/ipv4';
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

export function parseDestination(to: string, protocol?: L4): Destination | { error: string } {
  const t = to.trim();
  if (!t) return { error: 'the destination is empty' };
  const url = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)?/i.exec(t);
  if (url) {
    const scheme = url[1].toLowerCase() as 'http' | 'https';
    const port = url[3] ? Number(url[3]) : scheme === 'https' ? 443 : 80;
    if (port < 1 || port > 65535) return { error: `port ${url[3]} is out of range (1-65535)` };
    if (protocol && protocol !== 'TCP') return { error: `${scheme.toUpperCase()} runs over TCP, not ${protocol}` };
    const host = url[2].toLowerCase();
    return { scheme, host, isIP: parseIPv4(host) !== null, port, path: url[4] || '/', protocol: 'TCP' };
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
  return { scheme: null, host, isIP: parseIPv4(host) !== null, port, path: '/', protocol: proto };
}
