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
import { Building } from './building.entity';

export const UNIT_TYPES = ['office', 'lab', 'server_room'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UNIT_STATUSES = ['available', 'reserved', 'leased', 'unavailable'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** A unit (房源) in a building; its status follows its holds and leases (or is set unavailable). */
@Entity('units')
@Index('uq_units_code', ['buildingId', 'code'], { unique: true })
@Index('idx_units_status', ['status', 'buildingId'])
export class Unit {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) buildingId!: string;
  @ManyToOne(() => Building, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id', foreignKeyConstraintName: 'fk_units_building' })
  building?: Relation<Building>;
  @Column({ type: 'varchar', length: 30 }) code!: string;
  @Column({ type: 'smallint' }) floor!: number;
  /** m² */
  @Column({ type: 'numeric', precision: 10, scale: 2 }) area!: string;
  @Column({ type: 'varchar', length: 20 }) type!: UnitType;
  /** Yuan per m² per month. */
  @Column({ type: 'numeric', precision: 10, scale: 2 }) listRent!: string;
  @Column({ type: 'varchar', length: 20, default: 'available' }) status!: UnitStatus;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
