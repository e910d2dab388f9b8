import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openAdmin, screenshot, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

interface Activity {
  type: string;
  subject: string;
  body: string | null;
  companyId: string;
  dealId: string | null;
}
interface Task {
  title: string;
  dealId: string | null;
  assigneeId: string;
  dueAt: string;
}

/**
 * A promoter's follow-up work on its own records, as a person does it in the web admin: a call
 * logged on a deal page and on a company page, a task added on a deal page, and the onboarding
 * checklist of its signed deal opened from a link and ticked. Each outcome is read back from the API.
 */
describe('web admin: follow-up on a promoter’s own deals', () => {
  let app: TestApp;
  let browser: Browser;
  let token: string;
  let promoterId: string;

  const api = async <T = any>(path: string): Promise<T> => {
    const response = await app.request<T>('GET', `/api/v1${path}`, { token });
    if (response.status >= 400) throw new Error(`GET ${path}: ${response.text}`);
    return response.body;
  };
  const open = async (path: string): Promise<Page> => {
    const { page } = await openAdmin(browser, app.baseUrl);
    await signIn(page, 'promoter1');
    // Straight to the record, as from a link or a reload: nothing in the cache yet.
    await page.goto(`/#${path}`);
    await page.reload();
    return page;
  };
  const ownDeal = async () =>
    (
      await app.db.query<{ id: string; company_id: string; title: string; company: string }>(
        `SELECT d.id, d.company_id, d.title, c.name AS company FROM deals d
           JOIN companies c ON c.id = d.company_id
          WHERE d.owner_id = $1 AND d.closed_at IS NULL AND d.deleted_at IS NULL
          ORDER BY d.updated_at DESC LIMIT 1`,
        [promoterId],
      )
    ).rows[0];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ JOBS_ENABLED: 'false' }), launchBrowser()]);
    token = await app.tokenFor('promoter1');
    promoterId = (await api<{ id: string }>('/auth/me')).id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('logs a meeting on the deal page', async () => {
    const deal = await ownDeal();
    const page = await open(`/deals/${deal.id}/show`);
    const section = page.getByRole('region', { name: '跟进记录' });
    await section.getByRole('combobox', { name: '类型' }).click();
    await page.getByRole('option', { name: '会面' }).click();
    await section.getByLabel('摘要').fill('现场会议：确认算力需求');
    await section.getByLabel('详细内容').fill('需要 64 卡，三月上线');
    await section.getByRole('button', { name: '添加记录' }).click();
    await page.getByText('已添加跟进记录').waitFor();
    await section.getByRole('cell', { name: '现场会议：确认算力需求' }).waitFor();
    await screenshot(page, 'follow-up-deal-activity');
    const { data } = await api<{ data: Activity[] }>(`/activities?dealId=${deal.id}`);
    expect(data.find((a) => a.subject === '现场会议：确认算力需求')).toMatchObject({
      type: 'meeting',
      body: '需要 64 卡，三月上线',
      dealId: deal.id,
      companyId: deal.company_id,
    });
    await page.context().close();
  });

  it('logs a call on the company page', async () => {
    const deal = await ownDeal();
    const page = await open(`/companies/${deal.company_id}/show`);
    await page.getByRole('tab', { name: '跟进记录' }).click();
    const section = page.getByRole('region', { name: '跟进记录' });
    await section.getByLabel('摘要').fill('电话回访：询问入驻进度');
    await section.getByRole('button', { name: '添加记录' }).click();
    await page.getByText('已添加跟进记录').waitFor();
    await section.getByRole('cell', { name: '电话回访：询问入驻进度' }).waitFor();
    const { data } = await api<{ data: Activity[] }>(`/activities?companyId=${deal.company_id}`);
    expect(data.find((a) => a.subject === '电话回访：询问入驻进度')).toMatchObject({
      type: 'call',
      companyId: deal.company_id,
      dealId: null,
    });
    await page.context().close();
  });

  it('adds a follow-up task on the deal page', async () => {
    const deal = await ownDeal();
    const page = await open(`/deals/${deal.id}/show`);
    const section = page.getByRole('region', { name: '跟进任务' });
    await section.getByRole('button', { name: '新建任务' }).click();
    const dialog = page.getByRole('dialog', { name: '新建任务' });
    await dialog.getByLabel('任务').fill('寄送入驻政策材料');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('任务已添加').waitFor();
    await section.getByRole('cell', { name: '寄送入驻政策材料' }).waitFor();
    const { data } = await api<{ data: Task[] }>(`/tasks?dealId=${deal.id}`);
    expect(data.find((task) => task.title === '寄送入驻政策材料')).toMatchObject({
      dealId: deal.id,
      assigneeId: promoterId,
    });
    await page.context().close();
  });

  it('lets the owner tick the checklist of a track opened straight from a link', async () => {
    const { rows } = await app.db.query<{ id: string; task: string; task_id: string }>(
      `SELECT t.id, k.name AS task, k.id AS task_id FROM onboarding_tracks t
         JOIN deals d ON d.id = t.deal_id
         JOIN onboarding_tasks k ON k.track_id = t.id AND k.status = 'todo'
        WHERE t.status = 'open' AND d.owner_id = $1 AND d.closed_at IS NULL
        ORDER BY k.position LIMIT 1`,
      [promoterId],
    );
    expect(rows).toHaveLength(1);
    const [{ id, task, task_id }] = rows;
    const page = await open(`/onboarding-tracks/${id}/show`);
    await page.getByRole('button', { name: `标记完成：${task}` }).click();
    await page.getByRole('button', { name: `标记完成：${task}` }).waitFor({ state: 'detached' });
    expect(await page.getByText('只有项目负责人或管理员可以更新入驻事项').count()).toBe(0);
    const track = await api<{ tasks: { id: string; status: string }[] }>(
      `/onboarding-tracks/${id}`,
    );
    expect(track.tasks.find((t) => t.id === task_id)?.status).toBe('done');
    await page.context().close();
  });
});
