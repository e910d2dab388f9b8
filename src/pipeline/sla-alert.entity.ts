import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A breach already alerted: the SLA job notifies once per (kind, record, breach). */
@Entity('sla_alerts')
export class SlaAlert {
  @PrimaryColumn({ type: 'varchar', length: 20 }) kind!: 'deal_stage' | 'task_due';
  @PrimaryColumn({ type: 'uuid' }) entityId!: string;
  /** What the breach is about: the stage entry time of a deal, the due time of a task. */
  @PrimaryColumn({ type: 'timestamptz', precision: 3 }) breachOf!: Date;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
}
