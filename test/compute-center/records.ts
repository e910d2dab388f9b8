import { formatHundredths } from './amounts';
import { dayRecord } from './usage';
import { SimAccount, SimAllocation } from './types';

/** The simulator's internal rows: amounts in hundredths, usage keyed by day/resource/allocation. */

export interface AllocationRecord extends Omit<SimAllocation, 'amount' | 'remaining'> {
  amountHundredths: number;
  remainingHundredths: number;
  thresholdNotified: boolean;
}

export interface DayUsage {
  day: string;
  resourceType: string;
  allocationId: string | null;
  hundredths: number;
}

export interface AccountRecord extends Omit<SimAccount, 'allocations' | 'usage'> {
  allocations: AllocationRecord[];
  usage: Map<string, DayUsage>;
}

export function toSimAllocation(record: AllocationRecord): SimAllocation {
  const { amountHundredths, remainingHundredths, thresholdNotified: _, ...rest } = record;
  return {
    ...rest,
    resourceTypes: [...rest.resourceTypes],
    amount: formatHundredths(amountHundredths),
    remaining: formatHundredths(remainingHundredths),
  };
}

/** What GET /v1/org-accounts/{id} answers: everything but the usage rows. */
export function toPublicAccount(record: AccountRecord): Omit<SimAccount, 'usage'> {
  const { usage: _, allocations, contact, ...rest } = record;
  return {
    ...rest,
    contact: contact && { ...contact },
    allocations: allocations.map(toSimAllocation),
  };
}

export function toSimAccount(record: AccountRecord): SimAccount {
  return { ...toPublicAccount(record), usage: [...record.usage.values()].map((u) => dayRecord(u)) };
}
