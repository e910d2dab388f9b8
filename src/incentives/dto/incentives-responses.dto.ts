import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application.entity';
import { PROGRAM_KINDS, type ProgramKind } from '../program.entity';

export class ProgramDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind!: ProgramKind;
  @ApiProperty({ description: 'Allocated from the fund, yuan' }) budget!: string;
  @ApiProperty({ description: 'Approved, yuan' }) approvedTotal!: string;
  @ApiProperty({ description: 'Disbursed, yuan' }) disbursedTotal!: string;
  @ApiProperty({ description: 'Budget left to approve, yuan' }) remaining!: string;
  @ApiProperty({ nullable: true, type: String }) cardHoursPerYuan!: string | null;
  @ApiProperty() version!: number;
}

export class FundDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() total!: string;
  @ApiProperty() allocated!: string;
  @ApiProperty() approved!: string;
  @ApiProperty() disbursed!: string;
  @ApiProperty() unallocated!: string;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty() requestedAmount!: string;
  @ApiProperty({ nullable: true, type: String }) approvedAmount!: string | null;
  @ApiProperty({ nullable: true, type: String }) disbursedAmount!: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedCardHours!: string | null;
  @ApiProperty({ nullable: true, type: String }) purpose!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reviewerId!: string | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) disbursedAt!: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdById!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty() version!: number;
}

export class ProgramSupportDto {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind!: ProgramKind;
  @ApiProperty({ description: 'Applications of the company to the program, drafts included' })
  applications!: number;
  @ApiProperty({ description: 'Requested by its submitted applications (not drafts), yuan' })
  requested!: string;
  @ApiProperty({
    description: 'Approved amounts of its approved and disbursed applications, as approved, yuan',
  })
  approved!: string;
  @ApiProperty({ description: 'Disbursed, yuan' }) disbursed!: string;
}

export class CompanySupportDto {
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ description: 'Value of rent-free months of active leases, yuan' })
  rentFreeValue!: string;
  @ApiProperty() subsidiesApproved!: string;
  @ApiProperty() subsidiesDisbursed!: string;
  @ApiProperty() computeCardHoursApproved!: string;
  @ApiProperty() fundInvestment!: string;
  @ApiProperty({ description: 'Expected by its deals, yuan' }) expectedInvestment!: string;
  @ApiProperty({ description: 'Expected by its deals, yuan per year' })
  expectedAnnualRevenue!: string;
  @ApiProperty({ description: 'Requested by all its submitted applications, yuan' })
  requested!: string;
  @ApiProperty({ description: 'Approved over all programs (fund investment included), yuan' })
  approved!: string;
  @ApiProperty({ description: 'Disbursed over all programs, yuan' }) disbursed!: string;
  @ApiProperty({ type: [ProgramSupportDto], description: 'Per program it applied to' })
  programs!: ProgramSupportDto[];
}
