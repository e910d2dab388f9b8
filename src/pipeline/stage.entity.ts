import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Pipeline } from './pipeline.entity';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A pipeline stage; `gates` name what must hold for a deal to enter it (see GateRegistry). */
@Entity('stages')
@Index('idx_stages_pipeline', ['pipelineId', 'position'])
@Index('uq_stages_code', ['pipelineId', 'code'], { unique: true, where: 'code IS NOT NULL' })
export class Stage {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) pipelineId!: string;
  @ManyToOne(() => Pipeline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pipeline_id', foreignKeyConstraintName: 'fk_stages_pipeline' })
  pipeline?: Relation<Pipeline>;
  /** Stable code of a default stage (`signed`, `tenant`, …) that other modules refer to. */
  @Column({ type: 'varchar', length: 40, nullable: true }) code!: string | null;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 100 }) nameEn!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'smallint' }) probability!: number;
  @Column({ type: 'integer', nullable: true }) slaDays!: number | null;
  @Column({ type: 'varchar', length: 10, default: 'open' }) kind!: StageKind;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) gates!: string[];
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) retiredAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
