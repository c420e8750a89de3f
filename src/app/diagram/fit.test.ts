import { describe, expect, it } from 'vitest';
import { TEXT_W, badge, estimateWidth, fitClass, mono, sans } from './fit';

describe('estimateWidth', () => {
  it('is at least the DejaVu Sans widths it is taken from (12 px Book: "selector app=app-0 · 2 endpoints (2 ready)" measures 260 px in Chromium)', () => {
    const w = estimateWidth([sans('selector app=app-0 · 2 endpoints (2 ready)')]);
    expect(w).toBeGreaterThanOrEqual(260);
    expect(w).toBeLessThan(260 * 1.1);
  });

  it('monospace: 0.62 em a cell; characters outside ASCII, · and → count as possibly wide', () => {
    expect(estimateWidth([mono('ClusterIP 10.96.0.10')])).toBeCloseTo(20 * 0.62 * 11);
    expect(estimateWidth([mono('http: 80 → 8080')])).toBeCloseTo(15 * 0.62 * 11);
    expect(estimateWidth([mono('日本')])).toBeCloseTo(2 * 1.4 * 11);
  });

  it('bold is wider than Book, most for the narrow letters', () => {
    expect(estimateWidth([sans('tttt', true)])).toBeGreaterThan(estimateWidth([sans('tttt')]) * 1.15);
    expect(estimateWidth([sans('mmmm', true)])).toBeGreaterThan(estimateWidth([sans('mmmm')]) * 1.09);
  });

  it('emoji and symbols without a known width take 1.4 em (a fallback font may draw them)', () => {
    expect(estimateWidth([sans('🚀')])).toBeCloseTo(1.4 * 12);
    expect(estimateWidth([sans('<script>')])).toBeGreaterThan(8 * 0.4 * 12);
  });

  it('a badge adds its padding, border and margin', () => {
    expect(estimateWidth([badge('')])).toBe(16);
    expect(estimateWidth([badge('ClusterIP')])).toBeGreaterThan(16 + 9 * 0.5 * 10);
  });
});

describe('fitClass', () => {
  it('marks what fits and leaves the rest clipped', () => {
    expect(fitClass(TEXT_W.service, mono('ClusterIP 10.96.0.10'))).toBe(' d-fit');
    expect(fitClass(TEXT_W.service, sans('m'.repeat(63), true))).toBe('');
    expect(fitClass(TEXT_W.pod, sans('nginx', true))).toBe(' d-fit');
    // a shortened pod name (20 characters) is about as wide as the box: it keeps its clip
    expect(fitClass(TEXT_W.pod, sans('podinfo-6…d6d4-7vxqz', true))).toBe('');
  });

  it('grows with the text: a longer text never fits where a shorter one does not', () => {
    let fitted = true;
    for (let n = 1; n < 80; n++) {
      const fits = fitClass(TEXT_W.service, sans('selector '), sans('w'.repeat(n))) === ' d-fit';
      if (!fitted) expect(fits).toBe(false);
      fitted = fits;
    }
    expect(fitted).toBe(false);
  });
});
