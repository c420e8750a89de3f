import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fnv128aHex, goBool, goInt, goPtr, goSlice, goStr, goStruct, md5Hex, spewHash, type GoValue } from './go-hash';

describe('fnv128aHex', () => {
  // Go's hash/fnv fnv_test.go golden128a vectors.
  it.each([
    ['', '6c62272e07bb014262b821756295c58d'],
    ['a', 'd228cb696f1a8caf78912b704e4a8964'],
    ['ab', '08809544bbab1be95aa0733055b69a62'],
    ['abc', 'a68d622cec8b5822836dbc7977af7f3b'],
  ])('fnv.New128a(%j)', (input, hex) => {
    expect(fnv128aHex(input)).toBe(hex);
  });
});

describe('md5Hex', () => {
  // crypto/md5 as upstream's pkg/api/v1/endpoints/util.go uses it; node's md5 is the reference.
  it.each(['', 'a', 'abc', 'message digest', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(200), '(v1.EndpointPort){Name:(string)http Port:(int32)80}'])('md5(%j)', (s) => {
    expect(md5Hex(s)).toBe(createHash('md5').update(s).digest('hex'));
  });
});

describe('spewHash (go-spew %#v, k8s.io/utils/dump.ForHash)', () => {
  const port = (name: string, app: string | null): GoValue =>
    goStruct('v1.EndpointPort', [
      ['Name', goStr(name)],
      ['Port', goInt(80)],
      ['Protocol', goStr('TCP', 'v1.Protocol')],
      ['AppProtocol', goPtr('string', app === null ? null : goStr(app))],
    ]);
  it.each<[string, GoValue, string]>([
    // format(): top-level values show their type; struct fields are Name:value.
    [
      'struct with nil pointer: formatPtr prints the pointer type then <nil>',
      port('http', null),
      '(v1.EndpointPort){Name:(string)http Port:(int32)80 Protocol:(v1.Protocol)TCP AppProtocol:(*string)<nil>}',
    ],
    [
      'non-nil pointer: (*elem) then the value without its type (ignoreNextType)',
      port('', 'h2c'),
      '(v1.EndpointPort){Name:(string) Port:(int32)80 Protocol:(v1.Protocol)TCP AppProtocol:(*string)h2c}',
    ],
    ['nil slice prints <nil> after its type', goSlice('v1.EndpointAddress', null), '([]v1.EndpointAddress)<nil>'],
    ['slice elements omit their type', goSlice('int32', [goInt(1), goInt(2)]), '([]int32)[1 2]'],
    [
      'struct elements inside a slice omit the struct type but keep field types',
      goSlice('discovery.EndpointPort', [
        goStruct('discovery.EndpointPort', [
          ['Port', goPtr('int32', goInt(443))],
          ['Ready', goBool(true)],
        ]),
      ]),
      '([]discovery.EndpointPort)[{Port:(*int32)443 Ready:(bool)true}]',
    ],
  ])('%s', (_name, v, expected) => {
    expect(spewHash(v)).toBe(expected);
  });
});
