/** Emitted (and awaited, inside the transaction) when an application is approved. */
export const APPLICATION_APPROVED = 'application.approved';

export interface ApplicationApproved {
  applicationId: string;
  companyId: string;
  programId: string;
  programKind: string;
  approvedAmount: string;
  /** Compute subsidies: the card-hours the approval grants. */
  approvedCardHours: string | null;
}
