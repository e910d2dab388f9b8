import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The height that takes an element from where it starts on the page down to the bottom of the
 * window, less `margin`, and never below `min`: for a panel that scrolls inside itself (the
 * board) instead of making the page pages long. Measured again when the window is resized.
 */
export function useHeightToWindowBottom(
  ref: RefObject<HTMLElement | null>,
  { margin = 16, min = 320 }: { margin?: number; min?: number } = {},
): number | undefined {
  const [height, setHeight] = useState<number>();
  useLayoutEffect(() => {
    const measure = () => {
      const element = ref.current;
      if (!element) return;
      const top = element.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - margin)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  return height;
}
