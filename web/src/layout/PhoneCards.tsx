import { useEffect } from 'react';
import { GlobalStyles } from '@mui/material';

/** Marks a table of the admin's own that becomes cards on a phone, as the lists' do. */
export const CARD_TABLE_CLASS = 'crm-card-table';

const TABLES = `table.RaDataTable-table, table.RaDatagrid-table, table.${CARD_TABLE_CLASS}`;

/** Gives each body cell of the admin's tables its column's name, for the phone's cards. */
function labelCells(root: ParentNode) {
  for (const table of root.querySelectorAll<HTMLTableElement>(TABLES)) {
    const labels = [...table.querySelectorAll('thead th')].map(
      (th) => th.textContent?.trim() ?? '',
    );
    for (const row of table.tBodies[0]?.rows ?? []) {
      [...row.cells].forEach((cell, index) => {
        const label = labels[index] ?? '';
        if (cell.dataset.label !== label) cell.dataset.label = label;
      });
    }
  }
}

/**
 * On a phone, the page keeps to the screen's width, and the lists' tables become cards: one per row, each cell a line headed by its
 * column's name; the header row (and so sorting by a column) is left out.
 */
export function PhoneCards() {
  useEffect(() => {
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => labelCells(document));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    labelCells(document);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, []);
  return (
    <GlobalStyles
      styles={(theme) => ({
        [theme.breakpoints.down('sm')]: {
          // The layout is held to the screen's width (react-admin's grows to its widest content),
          // so that wide parts, e.g. tab bars, scroll within it.
          'div.layout': { minWidth: 0 },
          '.RaLayout-content': { minWidth: 0 },
          [TABLES]: { display: 'block', width: '100%' },
          [cards('thead')]: { display: 'none' },
          [cards('tbody')]: { display: 'block' },
          [cards('tbody tr')]: {
            display: 'block',
            height: 'auto',
            margin: theme.spacing(1),
            padding: theme.spacing(1, 0),
            border: `1px solid ${theme.palette.divider}`,
            borderRadius: theme.shape.borderRadius,
          },
          [cards('tbody td')]: {
            display: 'flex',
            flexDirection: 'row',
            justifyContent: 'space-between',
            alignItems: 'baseline',
            gap: theme.spacing(2),
            border: 'none',
            padding: theme.spacing(0.5, 1.5),
            textAlign: 'right',
            overflowWrap: 'anywhere',
          },
          [cards('tbody td[data-label]:not([data-label=""])::before')]: {
            content: 'attr(data-label)',
            flexShrink: 0,
            maxWidth: '45%',
            textAlign: 'left',
            color: theme.palette.text.secondary,
          },
        },
      })}
    />
  );
}

/** A selector for the same part of each kind of table. */
function cards(part: string): string {
  return TABLES.split(', ')
    .map((table) => `${table} ${part}`)
    .join(', ');
}
