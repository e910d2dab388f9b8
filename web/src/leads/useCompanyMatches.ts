import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import type { CompanyMatch } from '../api/types';

const DEBOUNCE_MS = 300;
const MIN_NAME_LENGTH = 2;

/** Existing companies that may be the firm being typed, asked for once typing pauses. */
export function useCompanyMatches(name: string | null | undefined, creditCode?: string | null) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const [matches, setMatches] = useState<CompanyMatch[]>([]);
  const trimmedName = name?.trim() ?? '';
  const trimmedCode = creditCode?.trim() ?? '';
  const asking = trimmedName.length >= MIN_NAME_LENGTH || !!trimmedCode;
  // Too little typed: forget the last answer now, so it cannot reappear when typing resumes.
  if (!asking && matches.length > 0) setMatches([]);

  useEffect(() => {
    if (!asking) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      dataProvider
        .call<CompanyMatch[]>('GET', '/companies/matches', {
          query: { name: trimmedName || undefined, creditCode: trimmedCode || undefined },
          signal: controller.signal,
        })
        .then(setMatches)
        // A warning while typing: a failed look-up (or one overtaken by more typing) shows none.
        .catch(() => {
          if (!controller.signal.aborted) setMatches([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [dataProvider, asking, trimmedName, trimmedCode]);

  return matches;
}
