import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/users/user.entity';
import { Company } from '../companies/company.entity';
import { Deal } from './deal.entity';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A follow-up to do by a date. */
@Entity('tasks')
@Index('idx_tasks_assignee', ['assigneeId', 'status', 'dueAt'])
@Index('idx_tasks_due', ['dueAt', 'id'], { where: "status = 'open' AND deleted_at IS NULL" })
@Index('idx_tasks_due_at', ['dueAt', 'id'])
@Index('idx_tasks_deal', ['dealId'])
@Index('idx_tasks_company', ['companyId'])
export class Task {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) dueAt!: Date;
  @Column({ type: 'uuid' }) assigneeId!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_tasks_assignee' })
  assignee?: Relation<User>;
  @Column({ type: 'uuid', nullable: true }) companyId!: string | null;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_tasks_company' })
  company?: Relation<Company>;
  @Column({ type: 'uuid', nullable: true }) dealId!: string | null;
  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_tasks_deal' })
  deal?: Relation<Deal>;
  @Column({ type: 'varchar', length: 20, default: 'open' }) status!: TaskStatus;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) completedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz', precision: 3, nullable: true }) deletedAt!: Date | null;
}
