// Whether an element is on screen. The side pane keeps every tab mounted (hidden ones are
// display:none), so a tab uses this to skip its work (e.g. building a 50,000-line rule dump) until shown.
import { useEffect, useState, type RefObject } from 'react';

export function useVisible(ref: RefObject<Element | null>): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) setVisible(e.isIntersecting || e.intersectionRatio > 0);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return visible;
}
