import { describe, expect, it } from 'vitest';
import { forgetViewport, loadViewport, parseViewport, restoredViewport, saveViewport, VIEWPORT_KEY } from './viewport';

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

describe('parseViewport', () => {
  it.each([
    // a damaged or hand-edited entry never reaches React Flow: the view is fitted instead
    ['{"x":1,"y":-2,"zoom":0.5}', { x: 1, y: -2, zoom: 0.5 }],
    [null, null],
    ['not json', null],
    ['{"x":1,"y":2}', null],
    ['{"x":1,"y":2,"zoom":0}', null],
    ['{"x":"1","y":2,"zoom":1}', null],
    ['null', null],
  ])('%s → %j', (raw, want) => {
    expect(parseViewport(raw)).toEqual(want);
  });
});

describe('save, load, forget', () => {
  it('keeps the viewport for the next start from the autosave only', () => {
    const s = new MemoryStorage();
    saveViewport({ x: 10, y: 20, zoom: 1.5 }, s);
    expect(JSON.parse(s.map.get(VIEWPORT_KEY)!)).toEqual({ x: 10, y: 20, zoom: 1.5 });
    expect(loadViewport(false, s)).toBeNull();
    expect(loadViewport(true, s)).toEqual({ x: 10, y: 20, zoom: 1.5 });
    expect(restoredViewport()).toEqual({ x: 10, y: 20, zoom: 1.5 });
    forgetViewport(s);
    expect(s.map.has(VIEWPORT_KEY)).toBe(false);
    expect(restoredViewport()).toBeNull();
  });

  it('never throws when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(() => saveViewport({ x: 0, y: 0, zoom: 1 }, refusing)).not.toThrow();
    expect(loadViewport(true, refusing)).toBeNull();
    expect(() => forgetViewport(refusing)).not.toThrow();
  });
});
