import type { Schemas } from '../api/types';

/** The compute-center shapes of the API, from its OpenAPI document. */
export type ComputeAccount = Schemas['ComputeAccountDto'];
export type ComputeAccountDetail = Schemas['ComputeAccountDetailDto'];
export type ComputeAllocation = Schemas['ComputeAllocationDto'];
export type ComputeIntent = Schemas['ComputeIntentDto'];
/** A call as the outbox lists it, naming its account's company. */
export type OutboxCall = Schemas['ComputeIntentListItemDto'];
export type UsageReport = Schemas['UsageReportDto'];
export type Reconciliation = Schemas['ReconciliationDto'];
export type DriftItem = Schemas['DriftItemDto'];
