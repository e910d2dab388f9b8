/** The importer's columns (`src/leads/import/lead-csv-columns.ts`), with the header it expects first. */
export const IMPORT_COLUMNS = [
  { field: 'companyName', header: '企业名称', english: 'company', required: true },
  { field: 'nameEn', header: '英文名称', english: 'englishName', required: false },
  { field: 'creditCode', header: '统一社会信用代码', english: 'creditCode', required: false },
  { field: 'source', header: '来源', english: 'source', required: false },
  { field: 'sourceDetail', header: '来源说明', english: 'sourceDetail', required: false },
  { field: 'aiSegment', header: 'AI领域', english: 'aiSegment', required: false },
  { field: 'hqCity', header: '城市', english: 'city', required: false },
  { field: 'contactName', header: '联系人', english: 'contact', required: false },
  { field: 'contactPhone', header: '电话', english: 'phone', required: false },
  { field: 'contactEmail', header: '邮箱', english: 'email', required: false },
  { field: 'contactWechat', header: '微信', english: 'wechat', required: false },
  { field: 'notes', header: '备注', english: 'notes', required: false },
] as const;

const EXAMPLE_ROW = [
  '北京示例智能科技有限公司',
  'Example AI Technology Co., Ltd.',
  '',
  '中关村',
  '2026 中关村论坛',
  '大模型',
  '北京',
  '张伟',
  '13800000000',
  'zhang.wei@example.cn',
  '',
  '',
];

const csvCell = (value: string) =>
  /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** A template with the expected header and one example row, UTF-8 with BOM so Excel reads it. */
export function downloadTemplate(filename: string): void {
  const lines = [IMPORT_COLUMNS.map((column) => column.header), EXAMPLE_ROW].map((cells) =>
    cells.map(csvCell).join(','),
  );
  const blob = new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
