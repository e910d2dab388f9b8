import type { FeatureMessages } from '../i18n/types';

export const messages: FeatureMessages = {
  zh: {
    crm: {
      dashboard: {
        greeting: '%{name}，您好',
        myPipeline: '我的项目',
        parkPipeline: '全园区招商项目',
        weighted: '按阶段概率加权的预计投资：%{amount}',
        overdueTasks: '逾期任务（%{smart_count}）',
        todaysVisits: '今日带看（%{smart_count}）',
        due: '截止 %{when}',
      },
    },
  },
  en: {
    crm: {
      dashboard: {
        greeting: 'Hello, %{name}',
        myPipeline: 'My deals',
        parkPipeline: 'All deals in the park',
        weighted: 'Expected investment weighted by stage probability: %{amount}',
        overdueTasks: 'Overdue task (%{smart_count}) |||| Overdue tasks (%{smart_count})',
        todaysVisits: "Today's visit (%{smart_count}) |||| Today's visits (%{smart_count})",
        due: 'due %{when}',
      },
    },
  },
};
