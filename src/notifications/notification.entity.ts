import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { User } from '../auth/users/user.entity';

export type NotificationData = Record<string, string | number | boolean | null>;

/** Something a user should know about (a lead returned to the pool, a conflict resolved, …). */
@Entity('notifications')
@Index('idx_notifications_user', ['userId', 'createdAt', 'id'])
@Index('idx_notifications_user_kind', ['userId', 'kind', 'createdAt', 'id'])
export class Notification {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notifications_user' })
  user?: Relation<User>;
  /** Stable kind, e.g. `lead.returned_to_pool`; the web admin words it. */
  @Column({ type: 'varchar', length: 60 }) kind!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 50, nullable: true }) entityType!: string | null;
  @Column({ type: 'uuid', nullable: true }) entityId!: string | null;
  @Column({ type: 'jsonb', default: {} }) data!: NotificationData;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) readAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
