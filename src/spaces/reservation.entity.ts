import {
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Deal } from '../pipeline/deal.entity';
import { Unit } from './unit.entity';

export const RESERVATION_STATUSES = ['active', 'released', 'expired', 'converted'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** A hold on a unit for a deal until it expires; no unit has two overlapping active holds. */
@Entity('reservations')
@Index('idx_reservations_deal', ['dealId', 'status'])
@Index('idx_reservations_expiry', ['expiresAt'], { where: "status = 'active'" })
@Index('idx_reservations_expires_at', ['expiresAt', 'id'])
@Exclusion(
  'ex_reservations_unit',
  `USING gist (unit_id WITH =, tstzrange(starts_at, expires_at) WITH &&) WHERE (status = 'active')`,
)
export class Reservation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_reservations_unit' })
  unit?: Relation<Unit>;
  @Column({ type: 'uuid' }) dealId!: string;
  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_reservations_deal' })
  deal?: Relation<Deal>;
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) startsAt!: Date;
  @Column({ type: 'timestamptz', precision: 3 }) expiresAt!: Date;
  @Column({ type: 'varchar', length: 20, default: 'active' }) status!: ReservationStatus;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
