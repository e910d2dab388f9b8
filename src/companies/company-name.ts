/**
 * The form of a company name used to find the same firm under another spelling: full-width
 * characters folded, Latin letters lower-cased, bracketed parts (places such as （北京）, forms
 * such as （有限合伙）) removed, a leading place name removed, the legal form at the end removed,
 * spaces and punctuation dropped. 北京某某智能科技有限公司 and 某某智能科技（北京）有限公司 → 某某智能科技.
 */
const PROVINCES = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
];
const CITIES = [
  '深圳',
  '广州',
  '杭州',
  '南京',
  '苏州',
  '成都',
  '武汉',
  '西安',
  '长沙',
  '郑州',
  '青岛',
  '济南',
  '厦门',
  '宁波',
  '无锡',
  '合肥',
  '福州',
  '大连',
  '沈阳',
  '哈尔滨',
  '长春',
  '昆明',
  '贵阳',
  '南昌',
  '石家庄',
  '太原',
  '南宁',
  '兰州',
  '珠海',
  '东莞',
  '佛山',
  '常州',
  '温州',
  '绍兴',
  '嘉兴',
  '烟台',
  '雄安',
];
// 门头沟 and the districts of Beijing, so that 北京市门头沟区… and 门头沟… agree.
const BEIJING_DISTRICTS = [
  '东城',
  '西城',
  '朝阳',
  '海淀',
  '丰台',
  '石景山',
  '门头沟',
  '房山',
  '通州',
  '顺义',
  '昌平',
  '大兴',
  '怀柔',
  '平谷',
  '密云',
  '延庆',
  '亦庄',
];
const PLACE = `(?:${[...PROVINCES, ...CITIES].join('|')})(?:省|市|自治区|特别行政区)?`;
const DISTRICT = `(?:${BEIJING_DISTRICTS.join('|')})(?:区|县)?`;
const LEADING_PLACES = new RegExp(`^(?:${PLACE})?(?:${DISTRICT})?`);

// Longest first, so that 股份有限公司 is removed whole rather than leaving 股份.
const LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '集团股份有限公司',
  '有限公司',
  '集团公司',
  '分公司',
  '总公司',
  '合伙企业',
  '研究院',
  '工作室',
  '公司',
  '集团',
  'co ltd',
  'co., ltd',
  'company limited',
  'corporation',
  'limited',
  'corp',
  'inc',
  'llc',
  'ltd',
  'gmbh',
  'co',
].sort((a, b) => b.length - a.length);

const BRACKETED = /[(（[【{][^)）\]】}]*[)）\]】}]/g;

function stripLegalForms(name: string): string {
  let current = name.replace(/[\s,.]+$/, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (current.length > form.length && current.endsWith(form)) {
        current = current.slice(0, -form.length).replace(/[\s,.]+$/, '');
        changed = true;
      }
    }
  }
  return current;
}

export function normaliseCompanyName(name: string): string {
  const lower = name.normalize('NFKC').toLowerCase();
  const folded = lower.replace(BRACKETED, ' ').trim();
  const withoutForm = stripLegalForms(folded.replace(/\s+/g, ' '));
  const withoutPlace = withoutForm.replace(LEADING_PLACES, '');
  // Keep letters (any script) and digits only.
  const core = withoutPlace.replace(/[^\p{L}\p{N}]+/gu, '');
  return core || lower.replace(/[^\p{L}\p{N}]+/gu, '');
}
