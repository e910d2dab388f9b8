import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useLocaleState } from 'react-admin';
import { readAll, type CrmDataProvider } from '../api/dataProvider';
import type { Fund, Program } from './types';

/** The query keys of the programs and the fund, refreshed after every decision on a budget. */
export const PROGRAMS_KEY = ['incentives', 'programs'];
export const FUND_KEY = ['incentives', 'fund'];

/**
 * Every program with its budget figures, by name (a park has a handful: the pages of
 * `GET programs` are walked), for the budget bars, the choices and the names shown elsewhere.
 */
export function usePrograms() {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: PROGRAMS_KEY,
    queryFn: ({ signal }) => readAll<Program>(dataProvider, '/programs', { sort: 'name' }, signal),
  });
}

export function useFund() {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: FUND_KEY,
    queryFn: () => dataProvider.call<Fund>('GET', '/programs/fund'),
  });
}

/** After an approval or a disbursement: the bars of the lists and of the program pages. */
export function useRefreshBudgets() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: PROGRAMS_KEY }),
      queryClient.invalidateQueries({ queryKey: FUND_KEY }),
      queryClient.invalidateQueries({ queryKey: ['programs'] }),
      queryClient.invalidateQueries({ queryKey: ['incentives', 'support'] }),
    ]);
  };
}

/** A program's name in the interface's language (the Chinese one when it has no English name). */
export function programName(
  program: Pick<Program, 'name' | 'nameEn'> | undefined,
  locale: string,
): string {
  if (!program) return '—';
  return locale === 'en' && program.nameEn ? program.nameEn : program.name;
}

export function useProgramName() {
  const [locale] = useLocaleState();
  return (program: Pick<Program, 'name' | 'nameEn'> | undefined) => programName(program, locale);
}

/** Program choices for a select input, in the interface's language. */
export function useProgramChoices() {
  const { data = [] } = usePrograms();
  const name = useProgramName();
  return data.map((program) => ({ id: program.id, name: name(program) }));
}

/** Exact yuan with two decimals (¥299,950,000.00): budgets are compared to the fen. */
export function formatYuan(value: string | number | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const amount = Number(value);
  if (!Number.isFinite(amount)) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(amount);
}

/** Decimal strings of yuan subtracted to the fen, without floating-point drift. */
export function minusYuan(a: string, b: string): string {
  return ((Math.round(Number(a) * 100) - Math.round(Number(b) * 100)) / 100).toFixed(2);
}
