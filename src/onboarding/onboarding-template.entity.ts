import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export interface TemplateTask {
  code: string;
  name: string;
  nameEn: string;
  required: boolean;
  /** Days after the track opens that the task is due. */
  dueDays: number;
}

/** An ordered list of onboarding tasks (入驻) that a signed deal's track is opened from. */
@Entity('onboarding_templates')
@Index('uq_onboarding_templates_default', ['isDefault'], { unique: true, where: 'is_default' })
export class OnboardingTemplate {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'boolean', default: false }) isDefault!: boolean;
  @Column({ type: 'jsonb' }) tasks!: TemplateTask[];
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
