import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Deal } from './deal.entity';
import { Stage } from './stage.entity';

/** One move of a deal between stages; immutable (a trigger refuses UPDATE and DELETE). */
@Entity('deal_stage_history')
@Index('idx_deal_stage_history_deal', ['dealId', 'movedAt', 'id'])
@Index('idx_deal_stage_history_to', ['toStageId', 'movedAt'])
export class StageHistory {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dealId!: string;
  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_stage_history_deal' })
  deal?: Relation<Deal>;
  @Column({ type: 'uuid', nullable: true }) fromStageId!: string | null;
  @ManyToOne(() => Stage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_stage_id', foreignKeyConstraintName: 'fk_deal_stage_history_from' })
  fromStage?: Relation<Stage>;
  @Column({ type: 'uuid' }) toStageId!: string;
  @ManyToOne(() => Stage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_stage_id', foreignKeyConstraintName: 'fk_deal_stage_history_to' })
  toStage?: Relation<Stage>;
  @Column({ type: 'uuid', nullable: true }) movedById!: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) movedAt!: Date;
}
