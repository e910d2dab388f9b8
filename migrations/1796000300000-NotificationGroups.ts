import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications are grouped by kind (the inbox's groups, a group marked read at once), and each
 * names the record it is about: conflicts and leads returned to the pool named no firm before, so
 * theirs is filled in from the records.
 */
export class NotificationGroups1796000300000 implements MigrationInterface {
  name = 'NotificationGroups1796000300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "idx_notifications_user_kind" ON "notifications" ("user_id", "kind", "created_at", "id") ',
    );
    await queryRunner.query(
      `UPDATE notifications n SET data = n.data || jsonb_build_object('subject', c.name)
         FROM lead_conflicts lc JOIN leads l ON l.id = lc.lead_id JOIN companies c ON c.id = l.company_id
        WHERE n.entity_type = 'LeadConflict' AND n.entity_id = lc.id AND NOT n.data ? 'subject'`,
    );
    await queryRunner.query(
      `UPDATE notifications n SET data = n.data || jsonb_build_object('subject', c.name)
         FROM leads l JOIN companies c ON c.id = l.company_id
        WHERE n.entity_type = 'Lead' AND n.entity_id = l.id AND NOT n.data ? 'subject'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_notifications_user_kind"');
  }
}
