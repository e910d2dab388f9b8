import type { FeatureMessages } from '../i18n/types';

export const messages: FeatureMessages = {
  zh: {
    resources: {
      tasks: {
        name: '任务',
        fields: {
          title: '任务',
          notes: '备注',
          dueAt: '截止时间',
          assigneeId: '负责人',
          dealId: '招商项目',
          companyId: '企业',
          status: '状态',
          completedAt: '完成时间',
        },
      },
    },
    crm: {
      tasks: {
        title: '我的任务',
        add: '新建任务',
        addTitle: '新建任务',
        added: '任务已添加',
        done: '任务已完成',
        empty: '没有待办任务',
        dueAtBeijing: '截止时间（北京时间）',
        due: '截止 %{time}',
        overdue: '已逾期',
        overdueBy: '逾期 %{duration}',
        days: '%{smart_count} 天',
        hours: '%{smart_count} 小时',
        minutes: '%{smart_count} 分钟',
        markDone: '完成任务：%{title}',
      },
    },
  },
  en: {
    resources: {
      tasks: {
        name: 'Task |||| Tasks',
        fields: {
          title: 'Task',
          notes: 'Notes',
          dueAt: 'Due',
          assigneeId: 'Assignee',
          dealId: 'Deal',
          companyId: 'Company',
          status: 'Status',
          completedAt: 'Completed',
        },
      },
    },
    crm: {
      tasks: {
        title: 'My tasks',
        add: 'Add task',
        addTitle: 'Add a task',
        added: 'Task added',
        done: 'Task done',
        empty: 'No open tasks',
        dueAtBeijing: 'Due (Beijing time)',
        due: 'Due %{time}',
        overdue: 'Overdue',
        overdueBy: '%{duration} overdue',
        days: '%{smart_count} day |||| %{smart_count} days',
        hours: '%{smart_count} hour |||| %{smart_count} hours',
        minutes: '%{smart_count} minute |||| %{smart_count} minutes',
        markDone: 'Mark done: %{title}',
      },
    },
  },
};
