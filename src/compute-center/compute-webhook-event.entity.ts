import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every webhook the compute center delivered, by its `webhook-id`: a redelivery is recognised. */
@Entity('compute_webhook_events')
@Index('idx_compute_webhook_events_received', ['receivedAt'])
export class ComputeWebhookEvent {
  @PrimaryColumn({ type: 'varchar', length: 100 }) webhookId!: string;
  @Column({ type: 'varchar', length: 60 }) type!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) accountExternalId!: string | null;
  @Column({ type: 'integer', nullable: true }) remoteVersion!: number | null;
  /** What the event did: `applied`, `stale` (older than what is stored) or `unknown_account`. */
  @Column({ type: 'varchar', length: 20 }) outcome!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) receivedAt!: Date;
}
