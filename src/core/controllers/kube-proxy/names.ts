// Models kube-proxy's chain naming and probabilities (pkg/proxy/iptables/proxier.go portProtoHash, servicePortEndpointChainName, computeProbability; pkg/proxy/types.go ServicePortName.String). Leaves out: nothing.
import { base32Std, sha256, utf8 } from '../../model/sha256';

/** ServicePortName.String(): "ns/name:port", or "ns/name" when the port is unnamed (fmtPortName). */
export function servicePortNameString(namespace: string, name: string, port: string): string {
  return port === '' ? `${namespace}/${name}` : `${namespace}/${name}:${port}`;
}

// Hashes are memoised: a Service port's chains are named on every rule build and every trace.
const hashMemo = new Map<string, string>();
const MEMO_LIMIT = 500_000;

/** base32(sha256(s))[:16], the 16-character suffix of every per-Service chain name. */
export function hash16(s: string): string {
  let h = hashMemo.get(s);
  if (h === undefined) {
    h = base32Std(sha256(utf8(s)).subarray(0, 10));
    if (hashMemo.size >= MEMO_LIMIT) hashMemo.clear();
    hashMemo.set(s, h);
  }
  return h;
}

/** portProtoHash(servicePortName, protocol): protocol is lower case ("tcp"). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol);
}

/** KUBE-SVC-XXXX: the Cluster traffic policy chain. */
export function servicePortPolicyClusterChain(servicePortName: string, protocol: string): string {
  return 'KUBE-SVC-' + portProtoHash(servicePortName, protocol);
}

/** KUBE-SVL-XXXX: the Local traffic policy chain. */
export function servicePortPolicyLocalChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-SVL-' + portProtoHash(servicePortName, protocol);
}

/** KUBE-FW-XXXX: loadBalancerSourceRanges filtering. */
export function serviceFirewallChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-FW-' + portProtoHash(servicePortName, protocol);
}

/** KUBE-EXT-XXXX: the external destinations chain (NodePort, externalIPs, load-balancer IPs). */
export function serviceExternalChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-EXT-' + portProtoHash(servicePortName, protocol);
}

/** KUBE-SEP-XXXX: one endpoint ("ip:port", BaseEndpointInfo.String()) of a Service port. */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + hash16(servicePortName + protocol + endpoint);
}

/** net.JoinHostPort for the endpoint string (IPv6 addresses get brackets). */
export function endpointString(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

const probMemo: string[] = [];

/**
 * computeProbability(n): fmt.Sprintf("%0.10f", 1.0/float64(n)). Go rounds the exact binary value
 * half-to-even; JS toFixed rounds ties up, so the decimal expansion is done exactly here (ties do
 * occur, e.g. 1/2048 = 0.00048828125).
 */
export function probability(n: number): string {
  let p = probMemo[n];
  if (p === undefined) probMemo[n] = p = formatFixed(1 / n, 10);
  return p;
}

/** Go's %.<digits>f for a finite, non-negative double: exact, round half to even. */
export function formatFixed(x: number, digits: number): string {
  if (!(x >= 0) || !Number.isFinite(x)) return x.toFixed(digits);
  // toFixed rounds the exact value too; it only differs from Go on an exact tie, which needs a 5 in the
  // next digit. Only then is the expansion done exactly.
  if (!x.toFixed(digits + 1).endsWith('5')) return x.toFixed(digits);
  // x = mant * 2^exp exactly.
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  const scale = 10n ** BigInt(digits);
  let q: bigint;
  if (exp >= 0) q = (mant << BigInt(exp)) * scale;
  else {
    const num = mant * scale;
    const den = 1n << BigInt(-exp);
    q = num / den;
    const rem2 = (num % den) * 2n;
    if (rem2 > den || (rem2 === den && q % 2n === 1n)) q += 1n;
  }
  const s = q.toString().padStart(digits + 1, '0');
  return digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
}
