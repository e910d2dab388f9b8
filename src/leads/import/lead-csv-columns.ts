import { AI_SEGMENTS, type AiSegment } from '../../companies/company.enums';
import { LEAD_SOURCES, type LeadSource } from '../lead.enums';

export type ImportField =
  | 'companyName'
  | 'nameEn'
  | 'creditCode'
  | 'source'
  | 'sourceDetail'
  | 'aiSegment'
  | 'hqCity'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'contactWechat'
  | 'notes';

const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-()（）:：/]+/g, '');

/** Header names as offices write them, in Chinese or English, folded for matching. */
const HEADER_NAMES: Record<ImportField, string[]> = {
  companyName: [
    '企业名称',
    '公司名称',
    '企业',
    '公司',
    '单位名称',
    'company',
    'companyname',
    'name',
    '企业名称company',
  ],
  nameEn: ['英文名称', '英文名', 'englishname', 'nameen', '英文名称englishname'],
  creditCode: [
    '统一社会信用代码',
    '社会信用代码',
    '信用代码',
    'creditcode',
    'uscc',
    '统一社会信用代码creditcode',
  ],
  source: ['来源', '线索来源', 'source', '来源source'],
  sourceDetail: ['来源说明', '来源详情', '来源备注', 'sourcedetail'],
  aiSegment: ['ai领域', '领域', '细分领域', '行业', 'segment', 'aisegment', 'ai领域aisegment'],
  hqCity: ['城市', '总部城市', '所在城市', 'city', 'hqcity', '城市city'],
  contactName: ['联系人', '联系人姓名', 'contact', 'contactname', '联系人contact'],
  contactPhone: ['电话', '联系电话', '手机', '手机号', 'phone', '电话phone'],
  contactEmail: ['邮箱', '电子邮箱', 'email', 'e-mail', '邮箱email'],
  contactWechat: ['微信', '微信号', 'wechat'],
  notes: ['备注', '说明', 'notes', 'note', '备注notes'],
};

const HEADER_INDEX = new Map<string, ImportField>(
  (Object.entries(HEADER_NAMES) as [ImportField, string[]][]).flatMap(([field, names]) =>
    names.map((name) => [fold(name), field]),
  ),
);

/** Which column holds which field; unknown headers are reported, not guessed. */
export function mapHeader(header: string[]): {
  columns: Map<ImportField, number>;
  ignored: string[];
} {
  const columns = new Map<ImportField, number>();
  const ignored: string[] = [];
  header.forEach((name, index) => {
    const field = HEADER_INDEX.get(fold(name));
    if (field && !columns.has(field)) columns.set(field, index);
    else if (name.trim()) ignored.push(name.trim());
  });
  return { columns, ignored };
}

const SOURCE_WORDS: [RegExp, LeadSource][] = [
  [/中关村|zgc|zhongguancun/i, 'zgc_referral'],
  [/华为|huawei|昇腾|ascend/i, 'huawei_ecosystem'],
  [/政府|government|招商局|区政府/i, 'government_referral'],
  [/活动|会议|展会|论坛|event|expo|forum/i, 'event'],
  [/主动|来电|来访|咨询|官网|inbound/i, 'inbound'],
  [/陌拜|陌生|外呼|cold/i, 'cold_outreach'],
  [/其他|其它|other/i, 'other'],
];

/** A lead source from its code or its usual Chinese wording; an empty cell is `other`. */
export function parseSource(value: string): LeadSource | null {
  const text = value.trim();
  if (!text) return 'other';
  if ((LEAD_SOURCES as readonly string[]).includes(text)) return text as LeadSource;
  return SOURCE_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

const SEGMENT_WORDS: [RegExp, AiSegment][] = [
  [/大模型|基础模型|基座|foundation|llm/i, 'foundation_models'],
  [/芯片|算力芯片|chip|npu|gpu/i, 'ai_chips'],
  [/视觉|图像|cv|vision/i, 'computer_vision'],
  [/语音|nlp|自然语言|speech/i, 'speech_nlp'],
  [/机器人|具身|robot/i, 'robotics'],
  [/数据|data/i, 'data_services'],
  [/行业|ai\+|赋能|industry/i, 'ai_industry'],
  [/其他|其它|other/i, 'other'],
];

export function parseSegment(value: string): AiSegment | null {
  const text = value.trim();
  if (!text) return 'other';
  if ((AI_SEGMENTS as readonly string[]).includes(text)) return text as AiSegment;
  return SEGMENT_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}
