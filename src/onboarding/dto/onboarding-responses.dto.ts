import { ApiProperty } from '@nestjs/swagger';
import { ONBOARDING_TASK_STATUSES, type OnboardingTaskStatus } from '../onboarding-task.entity';
import { TemplateTaskDto } from './onboarding.dto';

export class OnboardingTemplateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ type: [TemplateTaskDto] }) tasks!: TemplateTaskDto[];
  @ApiProperty() version!: number;
}

export class OnboardingTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty({ enum: ONBOARDING_TASK_STATUSES }) status!: OnboardingTaskStatus;
  @ApiProperty({ nullable: true, type: Date }) doneAt!: Date | null;
  @ApiProperty() version!: number;
}

export class OnboardingTrackDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dealId!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
  @ApiProperty() dealTitle!: string;
  @ApiProperty({ format: 'uuid' }) dealOwnerId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) templateId!: string | null;
  @ApiProperty({ nullable: true, type: String }) templateName!: string | null;
  @ApiProperty({ enum: ['open', 'completed'] }) status!: string;
  @ApiProperty({ nullable: true, type: Date }) completedAt!: Date | null;
  @ApiProperty({ type: [OnboardingTaskDto] }) tasks!: OnboardingTaskDto[];
  @ApiProperty() version!: number;
}
