import { useEffect, type RefObject } from 'react';

/**
 * react-big-calendar gives its week and day views the roles of the month's table (a `row` with no
 * cells, a `rowgroup` outside any table) and a scrolling time grid that the keyboard cannot reach.
 * This takes those roles off and makes the time grid a named, focusable region, after every render
 * of the calendar.
 */
export function useCalendarAria(container: RefObject<HTMLElement | null>, gridLabel: string) {
  useEffect(() => {
    const root = container.current;
    if (!root) return undefined;
    const repair = () => {
      root
        .querySelectorAll('.rbc-time-view [role="row"], .rbc-time-view [role="rowgroup"]')
        .forEach((element) => element.removeAttribute('role'));
      root.querySelectorAll<HTMLElement>('.rbc-time-content').forEach((grid) => {
        if (grid.getAttribute('aria-label') === gridLabel) return;
        grid.tabIndex = 0;
        grid.setAttribute('role', 'region');
        grid.setAttribute('aria-label', gridLabel);
      });
    };
    repair();
    const observer = new MutationObserver(repair);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container, gridLabel]);
}
