import {
  Column,
  Exclusion,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/users/user.entity';
import { SiteVisit } from './site-visit.entity';

/**
 * A host of a visit, with the visit's time range copied in, so that an exclusion constraint
 * (created by the migration) keeps any host from two overlapping active visits.
 */
@Entity('site_visit_hosts')
@Index('idx_site_visit_hosts_user', ['userId'])
@Exclusion(
  'ex_site_visit_hosts_overlap',
  `USING gist (user_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (active)`,
)
export class SiteVisitHost {
  @PrimaryColumn({ type: 'uuid' }) visitId!: string;
  @ManyToOne(() => SiteVisit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_site_visit_hosts_visit' })
  visit?: Relation<SiteVisit>;
  @PrimaryColumn({ type: 'uuid' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_site_visit_hosts_user' })
  user?: Relation<User>;
  @Column({ type: 'timestamptz', precision: 3 }) startsAt!: Date;
  @Column({ type: 'timestamptz', precision: 3 }) endsAt!: Date;
  /** False once the visit is cancelled or a no-show: then it blocks nobody. */
  @Column({ type: 'boolean', default: true }) active!: boolean;
}
