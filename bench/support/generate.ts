import { Client } from 'pg';

/**
 * A synthetic park for the benchmarks, written set-based in SQL (INSERT … SELECT over
 * generate_series and temporary tables, no row sent from Node): at scale 1 about 10,000 firms,
 * 100,000 leads, 30,000 deals of the default pipeline with their stage history (about 100,000
 * entries), 20,000 site visits, 300,000 activities, 30,000 tasks, 500 units with leases, 5,000
 * support applications and 200 compute-center accounts with a year of daily usage. Skewed like
 * real data: a few busy promoters, most deals in the early stages.
 */

export interface GeneratedPark {
  scale: number;
  /** False when the database already held generated data (it is kept, nothing is added). */
  generated: boolean;
  ms: number;
  steps: { step: string; ms: number }[];
  rows: Record<string, number>;
}

const PROMOTERS = 20;
/** Visits are placed on working days compressed to 09:00–18:00 (Beijing), 75 minutes apart per host. */
const WORK_MINUTES = 540;
const VISIT_SPACING_MINUTES = 75;
const VISIT_MINUTES = 60;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const SURNAMES_2 = ['徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰'];
const GIVEN_2 = ['晨', '涛', '明', '超', '霞', '平', '刚', '桂英', '建华', '志强'];

/** Leading places that the name normaliser strips, so the normalised name is brand + business. */
const PLACES = ['北京', '北京门头沟', '门头沟', '北京海淀', '北京朝阳', ''];
const BRANDS = [
  ['智源', 'Zhiyuan'],
  ['深度', 'Shendu'],
  ['灵犀', 'Lingxi'],
  ['云图', 'Yuntu'],
  ['星河', 'Xinghe'],
  ['天工', 'Tiangong'],
  ['启明', 'Qiming'],
  ['睿思', 'Ruisi'],
  ['九章', 'Jiuzhang'],
  ['玄武', 'Xuanwu'],
  ['青松', 'Qingsong'],
  ['永定', 'Yongding'],
  ['潭柘', 'Tanzhe'],
  ['妙峰', 'Miaofeng'],
  ['百花', 'Baihua'],
  ['龙泉', 'Longquan'],
  ['清水', 'Qingshui'],
  ['斋堂', 'Zhaitang'],
  ['雁翅', 'Yanchi'],
  ['神州', 'Shenzhou'],
  ['华夏', 'Huaxia'],
  ['长城', 'Changcheng'],
  ['昆仑', 'Kunlun'],
  ['鸿途', 'Hongtu'],
  ['北辰', 'Beichen'],
  ['紫光', 'Ziguang'],
  ['文心', 'Wenxin'],
  ['通达', 'Tongda'],
  ['数海', 'Shuhai'],
  ['图灵', 'Tuling'],
  ['量子', 'Liangzi'],
  ['极光', 'Jiguang'],
  ['矩阵', 'Juzhen'],
  ['元象', 'Yuanxiang'],
  ['深瞳', 'Shentong'],
  ['澄明', 'Chengming'],
  ['知微', 'Zhiwei'],
  ['万象', 'Wanxiang'],
  ['凌云', 'Lingyun'],
  ['曜石', 'Yaoshi'],
] as const;
const BRANDS_2 = [
  '未来',
  '创新',
  '智联',
  '视界',
  '声科',
  '芯动',
  '智造',
  '慧通',
  '云端',
  '算法',
  '感知',
  '认知',
  '自动',
  '互联',
  '星辰',
  '远景',
  '天成',
  '博远',
  '恒信',
  '锐达',
  '华智',
  '卓越',
  '新锐',
  '优图',
  '海纳',
  '中科',
  '联创',
  '领航',
  '致远',
  '科睿',
];
/** AI segment: share of the firms, and the business words of its names (Chinese, English). */
const SEGMENTS: [string, number, [string, string][]][] = [
  [
    'foundation_models',
    0.1,
    [
      ['人工智能科技', 'AI Technology'],
      ['大模型科技', 'Foundation Model Technology'],
    ],
  ],
  [
    'ai_chips',
    0.08,
    [
      ['芯片设计', 'Chip Design'],
      ['半导体科技', 'Semiconductor'],
      ['微电子', 'Microelectronics'],
    ],
  ],
  [
    'computer_vision',
    0.15,
    [
      ['视觉科技', 'Vision Technology'],
      ['图像技术', 'Imaging'],
    ],
  ],
  [
    'speech_nlp',
    0.12,
    [
      ['语音科技', 'Speech Technology'],
      ['语言智能', 'Language Intelligence'],
    ],
  ],
  [
    'robotics',
    0.12,
    [
      ['机器人科技', 'Robotics'],
      ['智能装备', 'Intelligent Equipment'],
    ],
  ],
  [
    'ai_industry',
    0.2,
    [
      ['工业智能', 'Industrial AI'],
      ['智慧医疗科技', 'Smart Healthcare'],
      ['智能制造', 'Smart Manufacturing'],
    ],
  ],
  [
    'data_services',
    0.15,
    [
      ['数据科技', 'Data Technology'],
      ['大数据服务', 'Big Data Services'],
    ],
  ],
  [
    'other',
    0.08,
    [
      ['信息技术', 'Information Technology'],
      ['网络科技', 'Network Technology'],
    ],
  ],
];
const LEGAL_FORMS: [string, number][] = [
  ['有限公司', 0.7],
  ['股份有限公司', 0.15],
  ['有限责任公司', 0.15],
];
const FUNDING = ['none', 'seed', 'angel', 'pre_a', 'a', 'b', 'c', 'd_plus', 'pre_ipo', 'strategic'];
const CITIES: [string, number][] = [
  ['北京', 0.7],
  ['上海', 0.08],
  ['深圳', 0.08],
  ['杭州', 0.06],
  ['天津', 0.04],
  ['合肥', 0.04],
];
const SOURCES: [string, number][] = [
  ['zgc_referral', 0.18],
  ['huawei_ecosystem', 0.15],
  ['event', 0.2],
  ['inbound', 0.17],
  ['cold_outreach', 0.15],
  ['government_referral', 0.1],
  ['other', 0.05],
];
/** Open leads' statuses (converted leads come from the deals). */
const LEAD_STATUSES: [string, number][] = [
  ['new', 0.35],
  ['contacted', 0.3],
  ['qualified', 0.12],
  ['disqualified', 0.23],
];
/** Deals by their furthest stage (1…7 of the default pipeline), and lost (0). */
const DEAL_STAGES: [number, number][] = [
  [1, 0.2],
  [2, 0.18],
  [3, 0.17],
  [4, 0.14],
  [5, 0.08],
  [6, 0.05],
  [7, 0.08],
  [0, 0.1],
];
const LOST_REASONS = [
  '选择了其他园区',
  '租金预算不足',
  '融资未到位',
  '算力需求转向公有云',
  '项目暂缓',
];
const DISQUALIFY_REASONS = ['非人工智能企业', '无落地需求', '联系不上', '规模过小'];
const PLACE_LABELS = [
  '门头沟AI计算中心',
  '京西智谷 A座',
  '京西智谷 B座',
  '中关村门头沟园 2号楼',
  '永定镇人工智能产业园',
  '园区展示中心',
];
const VISITORS = ['总经理', '技术总监', '行政经理', '财务负责人', '创始人'];
const ACTIVITY_TYPES: [string, number][] = [
  ['call', 0.35],
  ['wechat', 0.25],
  ['meeting', 0.15],
  ['email', 0.1],
  ['note', 0.15],
];
const ACTIVITY_SUBJECTS = [
  '电话沟通入驻需求',
  '微信发送园区政策',
  '约见企业负责人',
  '邮件发送算力补贴说明',
  '记录企业融资进展',
  '沟通办公面积需求',
  '确认算力卡时需求',
];
const TASK_TITLES = [
  '跟进需求确认',
  '发送入驻政策材料',
  '安排实地考察',
  '准备商务条款',
  '提交算力补贴申请',
  '协调工商注册',
];

const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
const array = (values: readonly string[]) => `ARRAY[${values.map(text).join(', ')}]::text[]`;
/** One of `values`, chosen by the uniform draw `r` (a column holding random()). */
const pick = (values: readonly string[], r: string) =>
  `(${array(values)})[1 + floor(${r} * ${values.length})::int]`;
/** A CASE over cumulative weights: the SQL expression of each choice, chosen by the draw `r`. */
function weighted(r: string, choices: [string, number][]): string {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let upTo = 0;
  const branches = choices.slice(0, -1).map(([value, weight]) => {
    upTo += weight / total;
    return `WHEN ${r} < ${upTo.toFixed(6)} THEN ${value}`;
  });
  return `CASE ${branches.join(' ')} ELSE ${choices[choices.length - 1][0]} END`;
}
const weightedText = (r: string, choices: [string, number][]) =>
  weighted(
    r,
    choices.map(([value, weight]) => [text(value), weight]),
  );
/** A promoter's number 0…19, the first ones far busier than the last. */
const busyPromoter = (r: string) => `floor(${PROMOTERS} * power(${r}, 1.6))::int`;
const days = (expression: string) => `make_interval(secs => 86400 * (${expression}))`;

/** The statements, in order; `counts` are the row counts at this scale. */
function statements(counts: Record<string, number>): [string, string][] {
  const { companies, leads, deals, visits, activities, tasks, accounts, units, applications } =
    counts;
  const segments = SEGMENTS.map(([segment, share, words], i) => {
    const lo = SEGMENTS.slice(0, i).reduce((sum, [, s]) => sum + s, 0);
    return `(${text(segment)}, ${lo}, ${lo + share}, ${array(words.map(([zh]) => zh))}, ${array(words.map(([, en]) => en))})`;
  });
  return [
    [
      'promoters',
      `INSERT INTO users (email, display_name, role, password_hash, created_at, updated_at)
       SELECT format('bench.promoter%s@demo.park', lpad(n::text, 2, '0')),
              '招商专员 ' || (${array([...SURNAMES, ...SURNAMES_2])})[n] || (${array([...GIVEN, ...GIVEN_2])})[1 + (n * 7) % 20],
              'promoter',
              (SELECT password_hash FROM users WHERE deleted_at IS NULL ORDER BY role = 'promoter' DESC, created_at LIMIT 1),
              now() - interval '3 years', now() - interval '3 years'
         FROM generate_series(1, ${PROMOTERS}) n;
       CREATE TEMP TABLE g_promoter AS
       SELECT (row_number() OVER (ORDER BY email) - 1)::int AS n, id FROM users WHERE email LIKE 'bench.promoter%@demo.park';
       CREATE TEMP TABLE g_stage AS
       SELECT row_number() OVER (ORDER BY s.position)::int AS k, s.id, s.pipeline_id, s.code, s.sla_days
         FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
        WHERE p.is_default AND s.retired_at IS NULL AND s.kind <> 'lost';
       CREATE TEMP TABLE g_lost_stage AS
       SELECT s.id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
        WHERE p.is_default AND s.retired_at IS NULL AND s.kind = 'lost' ORDER BY s.position LIMIT 1`,
    ],
    [
      'companies',
      `CREATE TEMP TABLE g_segment (segment text, lo float8, hi float8, words text[], words_en text[]);
       INSERT INTO g_segment VALUES ${segments.join(', ')};
       CREATE TEMP TABLE g_company AS
       SELECT n, gen_random_uuid() AS id, random() AS r_seg, random() AS r_place, random() AS r_brand,
              random() AS r_brand2, random() AS r_words, random() AS r_form, random() AS r_owner,
              random() AS r_size, random() AS r_city, random() AS r_funding, random() AS r_age, random() AS r_tags
         FROM generate_series(1, ${companies}) n;
       CREATE UNIQUE INDEX ON g_company (n);
       INSERT INTO companies (id, name, name_en, normalized_name, ai_segment, funding_stage, headcount,
                              registered_capital, hq_city, tags, owner_id, created_by_id, created_at, updated_at)
       SELECT c.id, x.place || x.brand || x.brand2 || x.words || x.form,
              CASE WHEN c.r_tags < 0.6 THEN x.brand_en || ' ' || x.words_en || ' Co., Ltd.' END,
              x.brand || x.brand2 || x.words, s.segment,
              ${pick(FUNDING, 'c.r_funding')}, 5 + floor(power(c.r_size, 3) * 2000)::int,
              round((0.5 + power(c.r_size, 2) * 500)::numeric * 100000, 2), ${weightedText('c.r_city', CITIES)},
              CASE WHEN c.r_tags < 0.15 THEN '{专精特新}'::text[] WHEN c.r_tags < 0.3 THEN '{华为生态}'::text[]
                   WHEN c.r_tags < 0.35 THEN '{高新技术企业,专精特新}'::text[] ELSE '{}'::text[] END,
              p.id, p.id, now() - ${days('30 + c.r_age * 1065')}, now() - ${days('c.r_age * 30')}
         FROM g_company c JOIN g_segment s ON c.r_seg >= s.lo AND c.r_seg < s.hi
         JOIN g_promoter p ON p.n = ${busyPromoter('c.r_owner')}
         CROSS JOIN LATERAL (
           SELECT ${pick(PLACES, 'c.r_place')} AS place,
                  ${pick(
                    BRANDS.map(([zh]) => zh),
                    'c.r_brand',
                  )} AS brand,
                  ${pick(
                    BRANDS.map(([, en]) => en),
                    'c.r_brand',
                  )} AS brand_en,
                  ${pick(BRANDS_2, 'c.r_brand2')} AS brand2,
                  s.words[1 + floor(c.r_words * cardinality(s.words))::int] AS words,
                  s.words_en[1 + floor(c.r_words * cardinality(s.words))::int] AS words_en,
                  ${weightedText('c.r_form', LEGAL_FORMS)} AS form) x`,
    ],
    [
      'deal plans and stage history',
      // The furthest stage of each deal; lost deals are lost after 1–4 open stages.
      `CREATE TEMP TABLE g_deal AS
       SELECT r.*, gen_random_uuid() AS id, gen_random_uuid() AS lead_id,
              1 + floor(r.r_company * ${companies})::int AS company_n, ${busyPromoter('r.r_owner')} AS owner_n,
              x.furthest = 0 AS lost,
              least(CASE WHEN x.furthest = 0 THEN 1 + floor(r.r_lost_after * 4)::int ELSE x.furthest END,
                    (SELECT max(k) FROM g_stage)) AS reached
         FROM (SELECT n, random() AS r_stage, random() AS r_lost_after, random() AS r_company, random() AS r_owner,
                      random() AS r_anchor, random() AS r_area, random() AS r_compute, random() AS r_invest,
                      random() AS r_move_in, random() AS r_source, random() AS r_lead_age, random() AS r_reason
                 FROM generate_series(1, ${deals}) n OFFSET 0) r
         CROSS JOIN LATERAL (SELECT ${weighted(
           'r.r_stage',
           DEAL_STAGES.map(([stage, weight]) => [String(stage), weight]),
         )} AS furthest) x;
       CREATE UNIQUE INDEX ON g_deal (n);
       -- One entry per stage up to the furthest (and Lost after it); the stay before each entry
       -- is the SLA of the stage left times 0.2–1.8, all within the last two years.
       CREATE TEMP TABLE g_move AS
       SELECT d.n AS deal_n, e.step, d.lost AND e.step = d.reached + 1 AS to_lost,
              CASE WHEN e.step = 1 THEN 0 ELSE coalesce(s.sla_days, 30) * (0.2 + 1.6 * random()) END AS gap_days
         FROM g_deal d CROSS JOIN LATERAL generate_series(1, d.reached + d.lost::int) e(step)
         LEFT JOIN g_stage s ON s.k = e.step - 1;
       CREATE TEMP TABLE g_hist AS
       SELECT m.deal_n, m.step, m.to_lost,
              now() - ${days('m.total - m.cum + d.r_anchor * greatest(730 - m.total, 0)')} AS moved_at
         FROM (SELECT g.*, sum(gap_days) OVER (PARTITION BY deal_n ORDER BY step) AS cum,
                      sum(gap_days) OVER (PARTITION BY deal_n) AS total FROM g_move g) m
         JOIN g_deal d ON d.n = m.deal_n;
       CREATE INDEX ON g_hist (deal_n, step)`,
    ],
    [
      'leads',
      `INSERT INTO leads (id, company_id, source, owner_id, status, last_activity_at, owner_assigned_at,
                          created_by_id, converted_at, created_at, updated_at)
       SELECT d.lead_id, c.id, ${weightedText('d.r_source', SOURCES)}, p.id, 'converted', f.first_move,
              f.first_move - ${days('1 + d.r_lead_age * 45')}, p.id, f.first_move,
              f.first_move - ${days('1 + d.r_lead_age * 45')}, f.first_move
         FROM g_deal d JOIN g_company c ON c.n = d.company_n JOIN g_promoter p ON p.n = d.owner_n
         JOIN (SELECT deal_n, min(moved_at) AS first_move FROM g_hist GROUP BY deal_n) f ON f.deal_n = d.n;
       INSERT INTO leads (company_id, source, owner_id, status, disqualify_reason, last_activity_at,
                          owner_assigned_at, pooled_at, created_by_id, created_at, updated_at)
       SELECT c.id, ${weightedText('l.r_source', SOURCES)}, p.id, x.status,
              CASE WHEN x.status = 'disqualified' THEN ${pick(DISQUALIFY_REASONS, 'l.r_reason')} END,
              x.created_at + (now() - x.created_at) * l.r_activity,
              CASE WHEN p.id IS NOT NULL THEN x.created_at END, CASE WHEN p.id IS NULL THEN x.created_at END,
              coalesce(p.id, (SELECT id FROM g_promoter WHERE n = 0)), x.created_at,
              x.created_at + (now() - x.created_at) * l.r_activity
         FROM (SELECT n, random() AS r_company, random() AS r_owner, random() AS r_status, random() AS r_source,
                      random() AS r_age, random() AS r_activity, random() AS r_reason
                 FROM generate_series(1, ${Math.max(leads - deals, 0)}) n OFFSET 0) l
         JOIN g_company c ON c.n = 1 + floor(l.r_company * ${companies})::int
         LEFT JOIN g_promoter p ON l.r_owner >= 0.08 AND p.n = ${busyPromoter('greatest(l.r_owner - 0.08, 0) / 0.92')}
         CROSS JOIN LATERAL (SELECT ${weightedText('l.r_status', LEAD_STATUSES)} AS status,
                                    now() - ${days('power(l.r_age, 1.2) * 730')} AS created_at) x`,
    ],
    [
      'deals',
      `INSERT INTO deals (id, title, company_id, lead_id, pipeline_id, stage_id, owner_id, expected_area,
                          expected_compute_card_hours, expected_investment, expected_annual_revenue,
                          target_move_in_date, lost_reason, stage_entered_at, closed_at, created_at, updated_at)
       SELECT d.id, co.name || ' 入驻项目', co.id, d.lead_id, st.pipeline_id,
              CASE WHEN d.lost THEN (SELECT id FROM g_lost_stage) ELSE st.id END, p.id,
              round((50 + power(d.r_area, 2) * 3000)::numeric, 2),
              CASE WHEN d.r_compute < 0.3 THEN NULL ELSE 100 + floor(power(d.r_compute, 3) * 20000)::int END,
              round((power(d.r_invest, 2) * 100000000)::numeric, 2),
              round((power(d.r_invest, 3) * 200000000)::numeric, 2),
              CASE WHEN d.lost THEN (h.first_move + interval '200 days')::date
                   WHEN d.reached = (SELECT max(k) FROM g_stage) THEN (h.last_move + interval '20 days')::date
                   ELSE (now() + ${days('d.r_move_in * 540 - 60')})::date END,
              CASE WHEN d.lost THEN ${pick(LOST_REASONS, 'd.r_reason')} END,
              h.last_move,
              CASE WHEN d.lost OR d.reached = (SELECT max(k) FROM g_stage) THEN h.last_move END,
              h.first_move, h.last_move
         FROM g_deal d JOIN g_company c ON c.n = d.company_n JOIN companies co ON co.id = c.id
         JOIN g_promoter p ON p.n = d.owner_n JOIN g_stage st ON st.k = d.reached
         JOIN (SELECT deal_n, min(moved_at) AS first_move, max(moved_at) AS last_move FROM g_hist GROUP BY deal_n) h
           ON h.deal_n = d.n;
       INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, moved_by_id, moved_at)
       SELECT d.id, prev.id, CASE WHEN h.to_lost THEN (SELECT id FROM g_lost_stage) ELSE cur.id END, p.id, h.moved_at
         FROM g_hist h JOIN g_deal d ON d.n = h.deal_n JOIN g_promoter p ON p.n = d.owner_n
         LEFT JOIN g_stage cur ON cur.k = h.step LEFT JOIN g_stage prev ON prev.k = h.step - 1;
       CREATE TEMP TABLE g_deal_ref AS
       SELECT g.n, d.id, d.company_id, d.owner_id, d.created_at, coalesce(d.closed_at, now()) AS until
         FROM g_deal g JOIN deals d ON d.id = g.id;
       CREATE UNIQUE INDEX ON g_deal_ref (n)`,
    ],
    [
      'company status, listings and revenue',
      `UPDATE companies c SET status = CASE WHEN x.furthest = x.tenant THEN 'tenant'
                                            WHEN x.furthest >= x.signed THEN 'signed'
                                            WHEN x.all_lost THEN 'lost' ELSE 'prospect' END
         FROM (SELECT g.company_n, max(g.reached) FILTER (WHERE NOT g.lost) AS furthest, bool_and(g.lost) AS all_lost,
                      (SELECT max(k) FROM g_stage) AS tenant, (SELECT k FROM g_stage WHERE code = 'signed') AS signed
                 FROM g_deal g GROUP BY g.company_n) x
         JOIN g_company gc ON gc.n = x.company_n
        WHERE c.id = gc.id;
       UPDATE companies c SET listing_status = 'listed', listing_exchange = '上海证券交易所科创板',
                              ticker = '688' || lpad((gc.n % 1000)::text, 3, '0')
         FROM g_company gc WHERE c.id = gc.id AND c.status IN ('signed', 'tenant') AND gc.r_size > 0.97;
       INSERT INTO company_revenues (company_id, year, revenue, ai_revenue, source)
       SELECT c.id, y, round((power(gc.r_size, 2) * 500000000 * (0.8 + 0.1 * (y - 2023)))::numeric, 2),
              round((power(gc.r_size, 2) * 500000000 * (0.8 + 0.1 * (y - 2023)) * (0.3 + 0.6 * gc.r_funding))::numeric, 2),
              '企业年报'
         FROM companies c JOIN g_company gc ON gc.id = c.id CROSS JOIN generate_series(2023, 2025) y
        WHERE c.status IN ('signed', 'tenant')`,
    ],
    [
      'site visits',
      // Each visit falls in its deal's Site visit stage; per host, visits are pushed later when
      // they would overlap (a running max over the working minutes), so no host is double-booked.
      `CREATE TEMP TABLE g_visit_deal AS
       SELECT row_number() OVER (ORDER BY h.deal_n)::int AS cn, h.deal_n, d.owner_n, h.moved_at AS entered,
              coalesce(nx.moved_at, now() + interval '14 days') AS left_at,
              d.reached > sv.k AND NOT (d.lost AND d.reached = sv.k) AS went_further
         FROM g_hist h JOIN g_deal d ON d.n = h.deal_n
         JOIN g_stage sv ON sv.code = 'site_visit' AND sv.k = h.step AND NOT h.to_lost
         LEFT JOIN g_hist nx ON nx.deal_n = h.deal_n AND nx.step = h.step + 1;
       CREATE TEMP TABLE g_visit AS
       SELECT v.*, c.deal_n, c.owner_n, c.went_further,
              extract(epoch FROM (c.entered + (c.left_at - c.entered) * v.r_when) AT TIME ZONE 'Asia/Shanghai'
                      - (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') - interval '731 days')) / 86400 * ${WORK_MINUTES} AS wanted
         FROM (SELECT n, gen_random_uuid() AS id, random() AS r_pick, random() AS r_when, random() AS r_status,
                      random() AS r_place, random() AS r_interest
                 FROM generate_series(1, ${visits}) n OFFSET 0) v
         JOIN g_visit_deal c ON c.cn = 1 + floor(v.r_pick * (SELECT count(*) FROM g_visit_deal))::int;
       CREATE TEMP TABLE g_visit_slot AS
       SELECT s.*, ((date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') - interval '731 days')
                    + make_interval(days => floor(s.minute / ${WORK_MINUTES})::int)
                    + interval '9 hours' + make_interval(mins => floor(s.minute)::int % ${WORK_MINUTES}))
                   AT TIME ZONE 'Asia/Shanghai' AS starts_at
         FROM (SELECT x.*, x.rank * ${VISIT_SPACING_MINUTES} + max(x.wanted - x.rank * ${VISIT_SPACING_MINUTES})
                      OVER (PARTITION BY x.owner_n ORDER BY x.wanted, x.n ROWS UNBOUNDED PRECEDING) AS minute
                 FROM (SELECT g.*, row_number() OVER (PARTITION BY g.owner_n ORDER BY g.wanted, g.n) AS rank
                         FROM g_visit g) x) s;
       INSERT INTO site_visits (id, deal_id, starts_at, ends_at, place_type, place_label, visitors, status,
                                interest, outcome_notes, next_step, cancel_reason, created_by_id, created_at, updated_at)
       SELECT v.id, d.id, v.starts_at, v.starts_at + interval '${VISIT_MINUTES} minutes', 'other',
              ${pick(PLACE_LABELS, 'v.r_place')}, ARRAY[${pick(VISITORS, 'v.r_interest')}], x.status,
              CASE WHEN x.status = 'completed' THEN 1 + floor(v.r_interest * 5)::int END,
              CASE WHEN x.status = 'completed' THEN '企业对办公空间和算力资源有兴趣' END,
              CASE WHEN x.status = 'completed' THEN '发送商务条款' END,
              CASE WHEN x.status = 'cancelled' THEN '企业临时改期' END,
              d.owner_id, v.starts_at - interval '7 days', v.starts_at
         FROM g_visit_slot v JOIN g_deal_ref d ON d.n = v.deal_n
         CROSS JOIN LATERAL (SELECT CASE WHEN v.starts_at > now() THEN 'scheduled'
                                         WHEN v.went_further AND v.r_status < 0.9 THEN 'completed'
                                         ELSE ${weightedText('v.r_status', [
                                           ['completed', 0.7],
                                           ['no_show', 0.12],
                                           ['cancelled', 0.18],
                                         ])} END AS status) x;
       INSERT INTO site_visit_hosts (visit_id, user_id, starts_at, ends_at, active)
       SELECT v.id, v.created_by_id, v.starts_at, v.ends_at, v.status IN ('scheduled', 'completed')
         FROM site_visits v JOIN g_visit g ON g.id = v.id`,
    ],
    [
      'buildings, units and leases',
      // 100 units a building (20 floors of 5); three in five leased to a firm whose deal reached
      // Tenant (one lease each), a few out of use, the rest available.
      `CREATE TEMP TABLE g_building AS
       SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${Math.ceil(units / 100)}) n;
       INSERT INTO buildings (id, name, name_en, address, floors, created_at, updated_at)
       SELECT id, '京西智谷 ' || n || '号楼', 'Jingxi AI Valley Building ' || n,
              '北京市门头沟区永定镇京西智谷 ' || n || '号楼', 20, now() - interval '3 years', now() - interval '3 years'
         FROM g_building;
       CREATE TEMP TABLE g_unit AS
       SELECT row_number() OVER (ORDER BY b.n, f, k)::int AS n, gen_random_uuid() AS id, b.id AS building_id,
              f AS floor, k, random() AS r_status, random() AS r_area, random() AS r_type
         FROM g_building b CROSS JOIN generate_series(1, 20) f CROSS JOIN generate_series(1, 5) k;
       DELETE FROM g_unit WHERE n > ${units};
       CREATE TEMP TABLE g_tenant_deal AS
       SELECT row_number() OVER (ORDER BY d.n)::int AS n, r.id AS deal_id, r.company_id, r.until
         FROM g_deal d JOIN g_deal_ref r ON r.n = d.n
        WHERE NOT d.lost AND d.reached = (SELECT max(k) FROM g_stage);
       CREATE TEMP TABLE g_lease AS
       SELECT u.id AS unit_id, t.deal_id, t.company_id, (t.until + interval '20 days')::date AS start_date,
              round((30 + u.r_area * 2000)::numeric, 2) AS area
         FROM (SELECT u.*, row_number() OVER (ORDER BY u.n)::int AS ln FROM g_unit u WHERE u.r_status < 0.6) u
         JOIN g_tenant_deal t ON t.n = u.ln;
       INSERT INTO units (id, building_id, code, floor, area, type, list_rent, status, created_at, updated_at)
       SELECT u.id, u.building_id, u.floor || lpad(u.k::text, 2, '0'), u.floor,
              round((30 + u.r_area * 2000)::numeric, 2),
              CASE WHEN u.r_type < 0.8 THEN 'office' WHEN u.r_type < 0.95 THEN 'lab' ELSE 'server_room' END,
              round((90 + u.r_type * 60)::numeric, 2),
              CASE WHEN l.unit_id IS NOT NULL THEN 'leased' WHEN u.r_status > 0.96 THEN 'unavailable' ELSE 'available' END,
              now() - interval '3 years', now() - interval '3 years'
         FROM g_unit u LEFT JOIN g_lease l ON l.unit_id = u.id;
       INSERT INTO leases (unit_id, company_id, deal_id, start_date, end_date, monthly_rent, rent_free_months, status)
       SELECT unit_id, company_id, deal_id, start_date, start_date + interval '3 years' - interval '1 day',
              round(area * 120, 2), 3, 'active'
         FROM g_lease`,
    ],
    [
      'support programs and applications',
      // Bench programs in the first fund, with budgets that cover what they approve.
      `CREATE TEMP TABLE g_program AS
       SELECT n, gen_random_uuid() AS id, (ARRAY['compute_subsidy', 'rent_subsidy', 'talent_subsidy', 'fund_investment'])[1 + (n - 1) % 4] AS kind
         FROM generate_series(1, 8) n;
       INSERT INTO programs (id, fund_id, name, name_en, kind, budget, card_hours_per_yuan)
       SELECT id, (SELECT id FROM funds ORDER BY created_at LIMIT 1), '园区扶持计划 ' || n, 'Park support program ' || n, kind,
              ${applications}::numeric * 600000, CASE WHEN kind = 'compute_subsidy' THEN 0.1 END
         FROM g_program;
       INSERT INTO applications (program_id, company_id, status, requested_amount, approved_amount, disbursed_amount,
                                 purpose, decision_reason, reviewer_id, created_by_id, submitted_at, decided_at,
                                 disbursed_at, created_at, updated_at)
       SELECT p.id, c.id, x.status, x.requested,
              CASE WHEN x.status IN ('approved', 'disbursed') THEN round(x.requested * 0.8, 2) END,
              CASE WHEN x.status = 'disbursed' THEN round(x.requested * 0.8, 2) END,
              '申请园区扶持资金', CASE WHEN x.status = 'rejected' THEN '材料不全' END,
              CASE WHEN x.status IN ('approved', 'disbursed', 'rejected') THEN (SELECT id FROM users WHERE role = 'manager' ORDER BY created_at LIMIT 1) END,
              c.owner_id,
              CASE WHEN x.status <> 'draft' THEN x.created_at + interval '2 days' END,
              CASE WHEN x.status IN ('approved', 'disbursed', 'rejected') THEN x.created_at + interval '20 days' END,
              CASE WHEN x.status = 'disbursed' THEN x.created_at + interval '50 days' END,
              x.created_at, x.created_at + interval '20 days'
         FROM (SELECT n, random() AS r_company, random() AS r_program, random() AS r_status, random() AS r_amount,
                      random() AS r_age FROM generate_series(1, ${applications}) n OFFSET 0) a
         JOIN g_company gc ON gc.n = 1 + floor(a.r_company * ${companies})::int
         JOIN companies c ON c.id = gc.id
         JOIN g_program p ON p.n = 1 + floor(a.r_program * 8)::int
         CROSS JOIN LATERAL (SELECT ${weightedText('a.r_status', [
           ['draft', 0.1],
           ['submitted', 0.2],
           ['approved', 0.25],
           ['rejected', 0.15],
           ['disbursed', 0.3],
         ])} AS status, round((50000 + power(a.r_amount, 2) * 950000)::numeric, 2) AS requested,
                                    now() - ${days('60 + a.r_age * 670')} AS created_at) x;
       UPDATE programs p SET approved_total = t.approved, disbursed_total = t.disbursed
         FROM (SELECT program_id, coalesce(sum(approved_amount), 0) AS approved, coalesce(sum(disbursed_amount), 0) AS disbursed
                 FROM applications GROUP BY program_id) t
        WHERE p.id = t.program_id AND p.id IN (SELECT id FROM g_program)`,
    ],
    [
      'activities and tasks',
      `INSERT INTO activities (type, subject, body, occurred_at, company_id, deal_id, author_id, created_at, updated_at)
       SELECT ${weightedText('a.r_type', ACTIVITY_TYPES)}, ${pick(ACTIVITY_SUBJECTS, 'a.r_subject')}, NULL,
              x.occurred_at, coalesce(d.company_id, c.id), d.id,
              CASE WHEN d.id IS NOT NULL AND a.r_author < 0.8 THEN d.owner_id ELSE p.id END,
              x.occurred_at, x.occurred_at
         FROM (SELECT n, random() AS r_type, random() AS r_subject, random() AS r_deal, random() AS r_company,
                      random() AS r_time, random() AS r_author
                 FROM generate_series(1, ${activities}) n OFFSET 0) a
         LEFT JOIN g_deal_ref d ON a.r_deal < 0.7 AND d.n = 1 + floor(a.r_deal / 0.7 * ${deals})::int
         JOIN g_company c ON c.n = 1 + floor(a.r_company * ${companies})::int
         JOIN g_promoter p ON p.n = ${busyPromoter('a.r_author')}
         CROSS JOIN LATERAL (SELECT CASE WHEN d.id IS NOT NULL THEN d.created_at + (d.until - d.created_at) * a.r_time
                                         ELSE now() - ${days('a.r_time * 730')} END AS occurred_at) x;
       INSERT INTO tasks (title, due_at, assignee_id, company_id, deal_id, status, completed_at, created_by_id,
                          created_at, updated_at)
       SELECT ${pick(TASK_TITLES, 't.r_title')}, x.due_at, d.owner_id, d.company_id, d.id, x.status,
              CASE WHEN x.status = 'done' THEN x.due_at - interval '1 day' END, d.owner_id,
              x.due_at - interval '10 days', least(x.due_at, now())
         FROM (SELECT n, random() AS r_title, random() AS r_deal, random() AS r_due, random() AS r_status
                 FROM generate_series(1, ${tasks}) n OFFSET 0) t
         JOIN g_deal_ref d ON d.n = 1 + floor(t.r_deal * ${deals})::int
         CROSS JOIN LATERAL (SELECT now() + ${days('t.r_due * 425 - 365')} AS due_at) due
         CROSS JOIN LATERAL (SELECT due.due_at,
                                    CASE WHEN due.due_at > now() OR t.r_status < 0.2 THEN 'open'
                                         WHEN t.r_status < 0.95 THEN 'done' ELSE 'cancelled' END AS status) x`,
    ],
    [
      'compute accounts and usage',
      `CREATE TEMP TABLE g_account AS
       SELECT (row_number() OVER ())::int AS n, gen_random_uuid() AS id, company_id, random() AS r_status,
              random() AS r_size, random() AS r_second
         FROM (SELECT c.id AS company_id FROM companies c
                WHERE c.status = 'tenant' AND c.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM compute_accounts a WHERE a.company_id = c.id)
                ORDER BY random() LIMIT ${accounts}) t;
       INSERT INTO compute_accounts (id, company_id, external_id, status, remote_version, region, activated_at,
                                     last_synced_at, created_at, updated_at)
       SELECT id, company_id, 'bench-acc-' || lpad(n::text, 6, '0'),
              ${weightedText('r_status', [
                ['active', 0.9],
                ['suspended', 0.05],
                ['closed', 0.05],
              ])}, 1, '北京市门头沟区', now() - interval '400 days', now(), now() - interval '401 days', now()
         FROM g_account;
       INSERT INTO compute_allocations (account_id, external_id, kind, unit, amount, remaining, resource_types,
                                        valid_from, valid_until, on_exhaustion, program_ref, status, remote_version)
       SELECT a.id, 'bench-alloc-' || lpad(a.n::text, 6, '0') || '-' || i, 'subsidy_voucher', 'card_hour',
              round((5000 + a.r_size * 45000)::numeric, -2), NULL, '{ascend-910b}',
              current_date - 365 + (i - 1) * 180, current_date + (i - 1) * 180, 'notify', '算力补贴 bench', 'active', 1
         FROM g_account a CROSS JOIN generate_series(1, 2) i
        WHERE i = 1 OR a.r_second < 0.3;
       INSERT INTO compute_usage (account_id, day, resource_type, allocation_ref, card_hours, final, remote_version)
       SELECT a.id, day::date, r.resource_type, CASE WHEN r.resource_type = 'ascend-910b'
                                                   THEN 'bench-alloc-' || lpad(a.n::text, 6, '0') || '-1' ELSE '' END,
              round(((5 + power(a.r_size, 2) * 300) * r.share
                     * CASE WHEN extract(isodow FROM day) > 5 THEN 0.4 ELSE 1 END * (0.5 + random()))::numeric, 2),
              day < current_date - 1, 1
         FROM g_account a
         CROSS JOIN generate_series((current_date - 364)::timestamp, current_date::timestamp, interval '1 day') day
         CROSS JOIN (VALUES ('ascend-910b', 1.0), ('ascend-310p', 0.3)) r(resource_type, share)
        WHERE r.resource_type = 'ascend-910b' OR a.r_second < 0.4;
       UPDATE compute_allocations l
          SET remaining = greatest(l.amount - coalesce(u.used, 0), 0),
              status = CASE WHEN l.amount <= coalesce(u.used, 0) THEN 'exhausted' ELSE 'active' END
         FROM g_account a
         LEFT JOIN (SELECT account_id, sum(card_hours) AS used FROM compute_usage
                     WHERE resource_type = 'ascend-910b' GROUP BY account_id) u ON u.account_id = a.id
        WHERE l.account_id = a.id AND l.external_id LIKE '%-1'`,
    ],
  ];
}

const COUNTED = [
  'users',
  'companies',
  'leads',
  'deals',
  'deal_stage_history',
  'site_visits',
  'site_visit_hosts',
  'activities',
  'tasks',
  'compute_accounts',
  'compute_allocations',
  'compute_usage',
  'units',
  'leases',
  'applications',
];

/** Fills an already-migrated database (demo data or not) with a synthetic park at `scale`. */
export async function generateParkData(databaseUrl: string, scale: number): Promise<GeneratedPark> {
  const counts = Object.fromEntries(
    Object.entries({
      companies: 10_000,
      leads: 100_000,
      deals: 30_000,
      visits: 20_000,
      activities: 300_000,
      tasks: 30_000,
      accounts: 200,
      units: 500,
      applications: 5_000,
    }).map(([name, n]) => [name, Math.max(1, Math.round(n * scale))]),
  );
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench-generator' });
  await client.connect();
  const started = performance.now();
  const steps: GeneratedPark['steps'] = [];
  let generated = false;
  try {
    const [{ existing }] = (
      await client.query<{ existing: number }>(
        `SELECT count(*)::int AS existing FROM users WHERE email LIKE 'bench.promoter%@demo.park'`,
      )
    ).rows;
    if (existing === 0) {
      await client.query('BEGIN');
      // Like pg_dump --disable-triggers: the rows are consistent by construction, so a superuser
      // skips the per-row foreign-key checks (a third of the load time); others keep them.
      const [{ superuser }] = (
        await client.query<{ superuser: boolean }>(
          `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
        )
      ).rows;
      if (superuser) await client.query('SET LOCAL session_replication_role = replica');
      // Deterministic draws: the same scale gives the same park.
      await client.query('SELECT setseed(0.2026)');
      for (const [step, sql] of statements(counts)) {
        const stepStarted = performance.now();
        await client.query(sql).catch((error: Error) => {
          throw new Error(`generating ${step}: ${error.message}`, { cause: error });
        });
        steps.push({ step, ms: performance.now() - stepStarted });
      }
      // The triggers that note changes for the report cache were off: drop what it holds.
      await client.query(
        `DO $$ BEGIN IF to_regclass('report_cache') IS NOT NULL THEN DELETE FROM report_cache; END IF; END $$`,
      );
      await client.query('COMMIT');
      generated = true;
    }
    // A park in its steady state, as autovacuum keeps it: hint bits and the visibility map set
    // (index-only scans skip the heap), statistics current. Fresh rows would have every first
    // reader set their hint bits, and the figures would depend on what autovacuum reached.
    const vacuumStarted = performance.now();
    await client.query('VACUUM (ANALYZE)');
    steps.push({ step: 'VACUUM (ANALYZE)', ms: performance.now() - vacuumStarted });
    const rows = (
      await client.query<{ name: string; n: number }>(
        COUNTED.map((t) => `SELECT '${t}' AS name, count(*)::int AS n FROM ${t}`).join(
          ' UNION ALL ',
        ),
      )
    ).rows;
    return {
      scale,
      generated,
      ms: performance.now() - started,
      steps,
      rows: Object.fromEntries(rows.map((r) => [r.name, r.n])),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
