import { describe, expect, it } from 'vitest';
import { parseDestination } from './destination';
import type { L4 } from './types';

// parseDestination reads "IP:PORT" without its regular expressions (the trace benchmark's every request);
// these rows pin that path to what the general HOST[:PORT] branch returns, and leave errors to it.
describe('parseDestination: IP:PORT', () => {
  it.each<{ to: string; protocol?: L4; want: unknown }>([
    { to: '10.96.0.1:80', want: { scheme: null, host: '10.96.0.1', isIP: true, port: 80, path: '/', protocol: 'TCP' } },
    { to: '  10.96.0.10:53 ', protocol: 'UDP', want: { scheme: null, host: '10.96.0.10', isIP: true, port: 53, path: '/', protocol: 'UDP' } },
    // leading zeros: still an IPv4 literal for the sloppy parser (net.ParseIP's old behaviour)
    { to: '010.096.000.001:080', want: { scheme: null, host: '010.096.000.001', isIP: true, port: 80, path: '/', protocol: 'TCP' } },
    // digits and dots but not an address: a host name (DNS will not find it)
    { to: '1.2.3:8080', want: { scheme: null, host: '1.2.3', isIP: false, port: 8080, path: '/', protocol: 'TCP' } },
    { to: '10.96.0.1:65535', protocol: 'SCTP', want: { scheme: null, host: '10.96.0.1', isIP: true, port: 65535, path: '/', protocol: 'SCTP' } },
    // the errors come from the general parser, worded as before
    { to: '10.96.0.1:0', want: { error: 'port 0 is out of range (1-65535)' } },
    { to: '10.96.0.1:65536', want: { error: 'port 65536 is out of range (1-65535)' } },
    { to: '10.96.0.1:80', protocol: 'ICMP', want: { error: 'ICMP has no ports: give just the host for a ping' } },
    { to: '10.96.0.1:', want: { error: 'cannot read destination "10.96.0.1:": use a URL, HOST[:PORT] or IP[:PORT]' } },
    // anything else takes the general path
    { to: 'http://10.96.0.1:8080/x', want: { scheme: 'http', host: '10.96.0.1', isIP: true, port: 8080, path: '/x', protocol: 'TCP' } },
    { to: 'web.default:8080', want: { scheme: null, host: 'web.default', isIP: false, port: 8080, path: '/', protocol: 'TCP' } },
  ])('$to ($protocol)', ({ to, protocol, want }) => {
    expect(parseDestination(to, protocol)).toEqual(want);
  });
});
