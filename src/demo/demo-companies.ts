import type { AiSegment } from '../companies/company.enums';
import { creditCodeCheckCharacter } from '../companies/credit-code';
import type { LeadSource, LeadStatus } from '../leads/lead.enums';

export interface DemoFirm {
  name: string;
  nameEn: string;
  segment: AiSegment;
  source: LeadSource;
  owner: 'promoter1' | 'promoter2' | null;
  status: LeadStatus;
  city: string;
  contact: string;
}

const code = (n: number) => {
  const body = `91110109MA0${String(n).padStart(6, '0')}`;
  return body + creditCodeCheckCharacter(body);
};

/** Fictional AI firms of the kinds the park recruits; every name here is invented. */
const FIRMS: [string, string, AiSegment, string][] = [
  ['北京京西智算大模型科技有限公司', 'Jingxi Zhisuan LLM', 'foundation_models', '北京'],
  ['北京永定河认知智能科技有限公司', 'Yongding Cognitive AI', 'foundation_models', '北京'],
  ['深圳昇算芯片技术有限公司', 'Shengsuan Chips', 'ai_chips', '深圳'],
  ['上海灵视计算机视觉有限公司', 'Lingshi Vision', 'computer_vision', '上海'],
  ['北京妙峰山语音科技有限公司', 'Miaofengshan Speech', 'speech_nlp', '北京'],
  ['杭州百花机器人有限公司', 'Baihua Robotics', 'robotics', '杭州'],
  ['北京潭柘工业智能有限公司', 'Tanzhe Industrial AI', 'ai_industry', '北京'],
  ['北京斋堂数据服务有限公司', 'Zhaitang Data Services', 'data_services', '北京'],
  ['南京清水大模型科技有限公司', 'Qingshui Models', 'foundation_models', '南京'],
  ['北京王平具身智能科技有限公司', 'Wangping Embodied AI', 'robotics', '北京'],
  ['成都雁翅视觉科技有限公司', 'Yanchi Vision', 'computer_vision', '成都'],
  ['北京军庄医疗人工智能有限公司', 'Junzhuang Medical AI', 'ai_industry', '北京'],
  ['武汉龙泉语言智能有限公司', 'Longquan Language AI', 'speech_nlp', '武汉'],
  ['北京大台算力芯片有限公司', 'Datai Compute Chips', 'ai_chips', '北京'],
  ['西安妙峰数据标注有限公司', 'Miaofeng Data Labelling', 'data_services', '西安'],
  ['北京东辛房多模态科技有限公司', 'Dongxinfang Multimodal', 'foundation_models', '北京'],
  ['苏州城子智能制造有限公司', 'Chengzi Smart Manufacturing', 'ai_industry', '苏州'],
  ['北京清水涧安全智能有限公司', 'Qingshuijian AI Safety', 'other', '北京'],
  ['广州石门营视觉检测有限公司', 'Shimenying Inspection', 'computer_vision', '广州'],
  ['北京灵山语音交互有限公司', 'Lingshan Voice', 'speech_nlp', '北京'],
  ['北京百花山自动驾驶科技有限公司', 'Baihuashan Autonomous Driving', 'ai_industry', '北京'],
  ['合肥双峪芯片设计有限公司', 'Shuangyu Chip Design', 'ai_chips', '合肥'],
  ['北京西山智能体科技有限公司', 'Xishan Agents', 'foundation_models', '北京'],
  ['北京戒台寺文化大数据有限公司', 'Jietai Cultural Data', 'data_services', '北京'],
  ['天津永定服务机器人有限公司', 'Yongding Service Robots', 'robotics', '天津'],
  ['北京门城金融智能有限公司', 'Mencheng FinAI', 'ai_industry', '北京'],
  ['北京琉璃渠遥感智能有限公司', 'Liuliqu Remote Sensing AI', 'computer_vision', '北京'],
  ['北京三家店教育大模型有限公司', 'Sanjiadian EduLLM', 'foundation_models', '北京'],
  ['重庆担礼语音识别有限公司', 'Danli Speech Recognition', 'speech_nlp', '重庆'],
  ['北京龙泉务算力调度科技有限公司', 'Longquanwu Compute Scheduling', 'data_services', '北京'],
];

const SOURCES: LeadSource[] = [
  'zgc_referral',
  'huawei_ecosystem',
  'event',
  'inbound',
  'cold_outreach',
  'government_referral',
];
const STATUSES: LeadStatus[] = [
  'new',
  'contacted',
  'qualified',
  'new',
  'contacted',
  'disqualified',
];
const CONTACTS = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴婷'];

export const DEMO_FIRMS: (DemoFirm & { creditCode: string })[] = FIRMS.map(
  ([name, nameEn, segment, city], i) => ({
    name,
    nameEn,
    segment,
    city,
    creditCode: code(i + 1),
    source: SOURCES[i % SOURCES.length],
    // Most firms are worked by the two demo promoters; a few lie in the pool (公海).
    owner: i % 10 === 9 ? null : i % 2 === 0 ? 'promoter1' : 'promoter2',
    status: STATUSES[i % STATUSES.length],
    contact: CONTACTS[i % CONTACTS.length],
  }),
);
