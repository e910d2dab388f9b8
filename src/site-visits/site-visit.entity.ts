import {
  Check,
  Column,
  Exclusion,
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
import { Deal } from '../pipeline/deal.entity';

export const VISIT_STATUSES = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const PLACE_TYPES = ['computing_center', 'building', 'unit', 'other'] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

/**
 * A site visit (实地考察/带看). No place is double-booked: an exclusion constraint over
 * (place, time range) for scheduled and completed visits, created by the migration.
 */
@Entity('site_visits')
@Index('idx_site_visits_deal', ['dealId', 'startsAt'])
@Index('idx_site_visits_starts_at', ['startsAt', 'id'])
@Check('ck_site_visits_range', `ends_at > starts_at`)
@Exclusion(
  'ex_site_visits_place',
  `USING gist (place_type WITH =, (coalesce(place_id, '00000000-0000-0000-0000-000000000000'::uuid)) WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status IN ('scheduled', 'completed') AND place_type <> 'other')`,
)
export class SiteVisit {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dealId!: string;
  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_site_visits_deal' })
  deal?: Relation<Deal>;
  @Column({ type: 'timestamptz', precision: 3 }) startsAt!: Date;
  @Column({ type: 'timestamptz', precision: 3 }) endsAt!: Date;
  @Column({ type: 'varchar', length: 20 }) placeType!: PlaceType;
  /** The building or unit, once spaces exist; null for the computing center or elsewhere. */
  @Column({ type: 'uuid', nullable: true }) placeId!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) placeLabel!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) visitors!: string[];
  @Column({ type: 'varchar', length: 20, default: 'scheduled' }) status!: VisitStatus;
  @Column({ type: 'smallint', nullable: true }) interest!: number | null;
  @Column({ type: 'text', nullable: true }) outcomeNotes!: string | null;
  @Column({ type: 'text', nullable: true }) nextStep!: string | null;
  @Column({ type: 'text', nullable: true }) cancelReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
