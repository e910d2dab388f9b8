import type { FeatureMessages } from '../i18n/types';

export const messages: FeatureMessages = {
  zh: {
    resources: {
      notifications: {
        name: '通知',
        fields: { kind: '类型', title: '内容', readAt: '已读时间', createdAt: '时间' },
      },
    },
    crm: {
      notifications: {
        title: '通知',
        bell: '通知（%{smart_count} 条未读）',
        markAllRead: '全部标为已读',
        markGroupRead: '本组标为已读',
        markRead: '标为已读',
        seeAll: '查看全部通知',
        show: '显示',
        unread: '未读',
        all: '全部',
        groups: '按类型筛选',
        more: '%{smart_count} 条',
        empty: '暂无通知',
        kinds: {
          deal: { sla_breached: '项目超出阶段时限' },
          task: { assigned: '新任务', overdue: '任务逾期' },
          lead: {
            assigned: '线索转给您',
            reassigned: '线索已转出',
            returned_to_pool: '线索已回归公海',
            conflict_opened: '撞单待处理',
            conflict_resolved: '撞单已处理：%{resolution}',
            import_conflicts: '导入产生 %{conflicts} 条撞单',
          },
          compute: {
            quota_threshold: '算力额度即将用尽（剩余 %{remaining} 卡时）',
            quota_exhausted: '算力额度已用尽',
            call_failed: '算力中心调用失败，已转入死信队列',
            reconciliation_drift: '算力中心对账发现 %{drift} 处差异',
          },
        },
      },
    },
  },
  en: {
    resources: {
      notifications: {
        name: 'Notification |||| Notifications',
        fields: { kind: 'Kind', title: 'Message', readAt: 'Read', createdAt: 'When' },
      },
    },
    crm: {
      notifications: {
        title: 'Notifications',
        bell: 'Notifications (%{smart_count} unread)',
        markAllRead: 'Mark all read',
        markGroupRead: 'Mark this group read',
        markRead: 'Mark read',
        seeAll: 'See all notifications',
        show: 'Show',
        unread: 'Unread',
        all: 'All',
        groups: 'Filter by kind',
        more: '%{smart_count} notification |||| %{smart_count} notifications',
        empty: 'No notifications',
        kinds: {
          deal: { sla_breached: 'Deal over its stage time limit' },
          task: { assigned: 'New task', overdue: 'Task overdue' },
          lead: {
            assigned: 'Lead assigned to you',
            reassigned: 'Lead reassigned',
            returned_to_pool: 'Lead returned to the pool',
            conflict_opened: 'A lead conflict needs a decision',
            conflict_resolved: 'Lead conflict resolved: %{resolution}',
            import_conflicts: 'An import raised %{conflicts} lead conflicts',
          },
          compute: {
            quota_threshold: 'Compute quota running low (%{remaining} card-hours left)',
            quota_exhausted: 'Compute quota used up',
            call_failed: 'A compute-center call failed and went to the dead letters',
            reconciliation_drift: 'Compute-center reconciliation: %{drift} differences',
          },
        },
      },
    },
  },
};
