// A small accessible menu (WAI-ARIA menu pattern): focus moves into it on open, arrow keys / Home / End
// move between items, Enter or Space runs one, Escape or a click elsewhere closes it and focus returns.
// It stays inside the diagram: opened near the right or bottom edge it opens leftwards or upwards.
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MenuItem } from './menu';

export interface ContextMenuProps {
  label: string;
  items: MenuItem[];
  x: number;
  y: number;
  onRun(item: MenuItem): void;
  onClose(): void;
}

export function ContextMenu({ label, items, x, y, onRun, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [pos, setPos] = useState({ left: x, top: y });

  useLayoutEffect(() => {
    const el = ref.current;
    const box = el?.offsetParent?.getBoundingClientRect();
    if (!el || !box) return setPos({ left: x, top: y });
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    setPos({ left: Math.max(0, x + w > box.width ? x - w : x), top: Math.max(0, y + h > box.height ? box.height - h - 4 : y) });
  }, [x, y, items.length]);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as globalThis.Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      if (returnFocus.current instanceof HTMLElement && document.contains(returnFocus.current)) returnFocus.current.focus();
    };
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    const focus = (j: number) => all[(j + all.length) % all.length]?.focus();
    e.stopPropagation();
    if (e.key === 'ArrowDown') focus(i + 1);
    else if (e.key === 'ArrowUp') focus(i - 1);
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(all.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else return;
    e.preventDefault();
  };

  return (
    <div ref={ref} role="menu" aria-label={label} className="d-menu nokey" style={{ left: pos.left, top: pos.top }} onKeyDown={onKeyDown}>
      {items.length === 0 && (
        <div role="menuitem" aria-disabled="true" tabIndex={-1} className="d-menu-item is-disabled">
          Nothing to do here
        </div>
      )}
      {items.map((item, i) => (
        <Fragment key={item.id}>
          {i > 0 && item.id.startsWith('send') !== items[i - 1].id.startsWith('send') ? <div role="separator" style={{ margin: '4px 0', borderTop: '1px solid var(--d-border)' }} /> : null}
          <button type="button" role="menuitem" tabIndex={-1} className="d-menu-item" onClick={() => onRun(item)}>
            <span>{item.label}</span>
            {item.shortcut && <kbd aria-hidden="true">{item.shortcut === 'Delete' ? 'Del' : item.shortcut}</kbd>}
          </button>
        </Fragment>
      ))}
    </div>
  );
}
