import { ProblemException } from '../common/errors/problem.exception';
import { reportPeriod } from './report-period';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as ProblemException).extras.errors?.[0]?.field;
  }
  return undefined;
};

describe('reportPeriod', () => {
  it('bounds a month, a quarter and a year by Beijing midnights', () => {
    expect(reportPeriod({ year: 2026, month: 2 })).toEqual({
      from: '2026-02-01',
      to: '2026-03-01',
      start: new Date('2026-01-31T16:00:00Z'),
      end: new Date('2026-02-28T16:00:00Z'),
    });
    expect(reportPeriod({ year: 2026, month: 12 })).toMatchObject({
      from: '2026-12-01',
      to: '2027-01-01',
    });
    expect(reportPeriod({ year: 2026, quarter: 4 })).toMatchObject({
      from: '2026-10-01',
      to: '2027-01-01',
    });
    expect(reportPeriod({ year: 2025 })).toMatchObject({ from: '2025-01-01', to: '2026-01-01' });
    expect(reportPeriod({ from: '2025-07-01', to: '2025-07-02' }).start.toISOString()).toBe(
      '2025-06-30T16:00:00.000Z',
    );
  });

  it('defaults to the current Beijing year, which starts 8 hours before UTC’s', () => {
    expect(reportPeriod({}, new Date('2026-12-31T16:30:00Z'))).toMatchObject({
      from: '2027-01-01',
    });
    expect(reportPeriod({}, new Date('2026-12-31T15:30:00Z'))).toMatchObject({
      from: '2026-01-01',
    });
  });

  it('refuses mixed or incomplete periods, naming the field', () => {
    expect(fieldOf(() => reportPeriod({ from: '2025-01-01' }))).toBe('to');
    expect(fieldOf(() => reportPeriod({ from: '2025-02-01', to: '2025-01-01' }))).toBe('to');
    expect(fieldOf(() => reportPeriod({ from: '2025-01-01', to: '2025-02-01', year: 2025 }))).toBe(
      'from',
    );
    expect(fieldOf(() => reportPeriod({ month: 3 }))).toBe('year');
    expect(fieldOf(() => reportPeriod({ year: 2025, quarter: 1, month: 1 }))).toBe('quarter');
    expect(fieldOf(() => reportPeriod({ from: '2025-13-01', to: '2026-01-01' }))).toBe('from');
  });
});
