import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { User } from '../auth/users/user.entity';
import type {
  AiSafetyStatus,
  AiSegment,
  CompanyStatus,
  FundingStage,
  ListingStatus,
} from './company.enums';

/** A firm the park recruits, once: unique by credit code, matched by normalised name. */
@Entity('companies')
@Index('uq_companies_credit_code', ['creditCode'], {
  unique: true,
  where: 'credit_code IS NOT NULL AND deleted_at IS NULL',
})
@Index('idx_companies_normalized_name', ['normalizedName'])
@Index('idx_companies_name', ['name', 'id'])
@Index('idx_companies_updated_at', ['updatedAt', 'id'])
@Index('idx_companies_created_at', ['createdAt', 'id'])
@Index('idx_companies_owner', ['ownerId', 'updatedAt'])
@Index('idx_companies_status', ['status', 'updatedAt', 'id'])
@Index('idx_companies_segment', ['aiSegment', 'updatedAt', 'id'])
@Index('idx_companies_tags', { synchronize: false })
// Trigram (GIN) indexes for search and near-name matching, created by the migration.
@Index('idx_companies_name_trgm', { synchronize: false })
@Index('idx_companies_name_en_trgm', { synchronize: false })
@Index('idx_companies_normalized_name_trgm', { synchronize: false })
@Index('idx_companies_credit_code_trgm', { synchronize: false })
// Also GIN indexes on crm_ngrams(name), (name_en) and (credit_code) for substring search
// (src/common/sql/like.ts; migrations/1796000060000-NgramSearch.ts), unseen by TypeORM.
export class Company {
  @PrimaryGeneratedColumn('uuid') id!: string;

  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) nameEn!: string | null;
  @Column({ type: 'varchar', length: 200 }) normalizedName!: string;
  @Column({ type: 'varchar', length: 18, nullable: true }) creditCode!: string | null;
  @Column({ type: 'varchar', length: 30, default: 'other' }) aiSegment!: AiSegment;
  @Column({ type: 'varchar', length: 20, nullable: true }) fundingStage!: FundingStage | null;
  @Column({ type: 'integer', nullable: true }) headcount!: number | null;
  /** Yuan, as a decimal string. */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true }) registeredCapital!:
    string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) hqCity!: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) website!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'varchar', length: 20, default: 'prospect' }) status!: CompanyStatus;
  @Column({ type: 'varchar', length: 20, default: 'unlisted' }) listingStatus!: ListingStatus;
  @Column({ type: 'varchar', length: 50, nullable: true }) listingExchange!: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) ticker!: string | null;
  @Column({ type: 'varchar', length: 20, default: 'not_assessed' }) aiSafetyStatus!: AiSafetyStatus;
  /** The promoter who owns the relationship. */
  @Column({ type: 'uuid', nullable: true }) ownerId!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_companies_owner' })
  owner?: Relation<User>;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  /** Set when this record was merged into another (the survivor). */
  @Column({ type: 'uuid', nullable: true }) mergedIntoId!: string | null;

  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz', precision: 3, nullable: true }) deletedAt!: Date | null;
}
