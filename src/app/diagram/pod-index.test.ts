import { describe, expect, it } from 'vitest';
import type { PodState } from '../../core';
import { PodIndex } from './pod-index';

const pod = (namespace: string, labels: Record<string, string>) => ({ namespace, labels }) as PodState;
const PODS = [pod('default', { app: 'web', tier: 'fe' }), pod('default', { app: 'web', tier: 'be' }), pod('default', { app: 'db' }), pod('other', { app: 'web', tier: 'fe' })];

describe('PodIndex.count: pods a Service selector matches (labels.SelectorFromSet: every pair must match)', () => {
  it.each([
    { name: 'one pair, several pods', ns: 'default', sel: { app: 'web' }, want: 2 },
    { name: 'all pairs must match', ns: 'default', sel: { app: 'web', tier: 'fe' }, want: 1 },
    { name: 'a pair no pod carries', ns: 'default', sel: { app: 'web', tier: 'x' }, want: 0 },
    { name: 'only the Service namespace counts', ns: 'other', sel: { app: 'web' }, want: 1 },
    { name: 'a namespace without pods', ns: 'empty', sel: { app: 'web' }, want: 0 },
    { name: 'key and value are not confused across the separator', ns: 'default', sel: { 'app\u0000web': '' }, want: 0 },
  ] as { name: string; ns: string; sel: Record<string, string>; want: number }[])('$name', ({ ns, sel, want }) => {
    expect(new PodIndex(PODS).count(ns, sel)).toBe(want);
  });
});
