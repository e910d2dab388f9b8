import { normaliseCompanyName } from './company-name';

describe('normaliseCompanyName', () => {
  it.each([
    ['北京某某智能科技有限公司', '某某智能科技（北京）有限公司'],
    ['北京智谱华章科技有限公司', '智谱华章科技(北京)有限公司'],
    ['北京市门头沟区京西智算科技有限公司', '京西智算科技有限公司'],
    ['深圳市云天励飞技术股份有限公司', '云天励飞技术（深圳）有限公司'],
    ['ＡＢＣ人工智能有限责任公司', 'abc人工智能有限公司'],
    ['上海 商汤 智能科技 有限公司', '上海商汤智能科技有限公司'],
    ['Zhipu AI Co., Ltd.', 'ZHIPU AI LIMITED'],
    ['北京百川智能科技有限公司（有限合伙）', '百川智能科技'],
    ['昇腾智算（门头沟）集团有限公司', '昇腾智算集团'],
  ])('matches %s and %s', (a, b) => {
    expect(normaliseCompanyName(a)).toBe(normaliseCompanyName(b));
  });

  it('keeps what tells firms apart', () => {
    expect(normaliseCompanyName('北京某某智能科技有限公司')).toBe('某某智能科技');
    expect(normaliseCompanyName('某某智能科技有限公司')).not.toBe(
      normaliseCompanyName('某某智能信息有限公司'),
    );
    expect(normaliseCompanyName('北京月之暗面科技有限公司')).not.toBe(
      normaliseCompanyName('北京月之亮面科技有限公司'),
    );
  });

  it('never reduces a name to nothing', () => {
    expect(normaliseCompanyName('北京有限公司')).not.toBe('');
    expect(normaliseCompanyName('(北京)')).not.toBe('');
  });
});
