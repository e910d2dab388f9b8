import { ApiProperty } from '@nestjs/swagger';
import { COMPUTE_ACCOUNT_STATUSES, type ComputeAccountStatus } from '../compute-account.entity';
import {
  ALLOCATION_KINDS,
  ALLOCATION_STATUSES,
  ALLOCATION_UNITS,
  ON_EXHAUSTION,
  type AllocationStatus,
} from '../compute-allocation.entity';
import {
  INTENT_KINDS,
  INTENT_STATUSES,
  type IntentKind,
  type IntentStatus,
} from '../compute-intent.entity';

export class ComputeAccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The account id at the center' })
  externalId!: string | null;
  @ApiProperty({ enum: COMPUTE_ACCOUNT_STATUSES }) status!: ComputeAccountStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason!: string | null;
  @ApiProperty() region!: string;
  @ApiProperty({ description: 'Card-hours granted by active and used-up allocations' })
  quotaCardHours!: string;
  @ApiProperty({ description: 'Card-hours left on active allocations' })
  remainingCardHours!: string;
  @ApiProperty({ description: 'Card-hours used, as reported by the center' })
  usedCardHours!: string;
  @ApiProperty({ description: 'Allocations of the account, whatever their status' })
  allocationCount!: number;
  @ApiProperty({ nullable: true, type: Date }) activatedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) lastSyncedAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ComputeAllocationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) applicationId!: string | null;
  @ApiProperty({ enum: ALLOCATION_KINDS }) kind!: string;
  @ApiProperty({ enum: ALLOCATION_UNITS }) unit!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ nullable: true, type: String }) remaining!: string | null;
  @ApiProperty({ type: [String] }) resourceTypes!: string[];
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty({ enum: ON_EXHAUSTION }) onExhaustion!: string;
  @ApiProperty() programRef!: string;
  @ApiProperty({ enum: ALLOCATION_STATUSES }) status!: AllocationStatus;
  @ApiProperty({ nullable: true, type: Date }) thresholdReachedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class ComputeIntentDto {
  @ApiProperty({ format: 'uuid', description: 'Also the Idempotency-Key of the call' }) id!: string;
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) allocationId!: string | null;
  @ApiProperty({ enum: INTENT_KINDS }) kind!: IntentKind;
  @ApiProperty({ enum: INTENT_STATUSES }) status!: IntentStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: Date }) sentAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ComputeIntentListItemDto extends ComputeIntentDto {
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
}

export class ComputeAccountDetailDto extends ComputeAccountDto {
  @ApiProperty({ type: [ComputeAllocationDto] }) allocations!: ComputeAllocationDto[];
  @ApiProperty({ type: [ComputeIntentDto], description: 'The latest calls to the center' })
  calls!: ComputeIntentDto[];
}

export class UsageRowDto {
  @ApiProperty({ description: 'First day of the period (Beijing)' }) periodStart!: string;
  @ApiProperty() resourceType!: string;
  @ApiProperty() cardHours!: string;
}

export class UsageReportDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ enum: ['day', 'month'] }) granularity!: 'day' | 'month';
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [UsageRowDto] }) rows!: UsageRowDto[];
  @ApiProperty() totalCardHours!: string;
}

export class DriftItemDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ example: 'status' }) field!: string;
  @ApiProperty({ required: false }) allocationId?: string;
  @ApiProperty({ description: 'What the CRM holds' }) crm!: string;
  @ApiProperty({ description: 'What the compute center holds' }) center!: string;
}

export class ReconciliationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() startedAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) finishedAt!: Date | null;
  @ApiProperty() accountsChecked!: number;
  @ApiProperty({ type: [DriftItemDto] }) drift!: DriftItemDto[];
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class WebhookReceiptDto {
  @ApiProperty({ enum: ['applied', 'stale', 'unknown_account', 'duplicate'] }) outcome!: string;
}
