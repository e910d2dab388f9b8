/** Emitted (and awaited, inside the transaction) when a company leaves the park or comes back. */
export const COMPANY_CHURNED = 'company.churned';
export const COMPANY_REINSTATED = 'company.reinstated';

export interface CompanyStatusEvent {
  companyId: string;
  reason: string;
}
