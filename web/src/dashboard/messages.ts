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
        parkFigures: '园区概况',
        figures: {
          openDeals: '在办项目',
          weightedPipelineInvestment: '加权在办投资',
          signedThisYear: '本年签约企业',
          tenants: '在园企业',
          visitsThisMonth: '本月完成带看',
          overdueTasks: '全园逾期任务',
          activeComputeAccounts: '活跃算力账户',
          cardHoursThisMonth: '本月算力用量（卡时）',
        },
        targets: '园区目标进度',
        allTargets: '查看全部目标',
        funnel: '%{year} 年招商漏斗',
        forecast: '未来 12 个月签约入驻预测（加权）',
        openReport: '打开报表',
        overSla: '我的超时项目（%{smart_count}）',
        slaDays: '已超过阶段时限（%{days} 天）',
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
        parkFigures: 'The park at a glance',
        figures: {
          openDeals: 'Open deals',
          weightedPipelineInvestment: 'Weighted pipeline',
          signedThisYear: 'Signed this year',
          tenants: 'Tenants',
          visitsThisMonth: 'Visits this month',
          overdueTasks: 'Overdue tasks (park)',
          activeComputeAccounts: 'Active compute accounts',
          cardHoursThisMonth: 'Card-hours this month',
        },
        targets: 'Park targets',
        allTargets: 'All targets',
        funnel: 'Funnel %{year}',
        forecast: 'Forecast for the next 12 months (weighted)',
        openReport: 'Open the report',
        overSla:
          'My deal over its stage SLA (%{smart_count}) |||| My deals over their stage SLA (%{smart_count})',
        slaDays: 'past the stage’s %{days}-day SLA',
      },
    },
  },
};
