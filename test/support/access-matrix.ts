/**
 * The authorization matrix as data: for every registered route (`METHOD /path`), what each kind of
 * caller must get. Written by hand from DESIGN.md's roles table, not computed from the policy code,
 * so that a change of policy (or a route whose guard says something else) shows as a failure.
 *
 * The object a route acts on is a fixture owned by promoter1 (see `Fixtures`), so `promoter1` is
 * the owner and `promoter2` is another promoter.
 */

export const PRINCIPALS = [
  'anonymous',
  'admin',
  'manager',
  'promoter1',
  'promoter2',
  'viewer',
  'apiKey',
] as const;
export type Caller = (typeof PRINCIPALS)[number];

/**
 * `allowed`: past the guard and the per-object check (2xx, or a 400/409/412/422/428 about the
 * request itself); 401 unauthenticated; 403 refused; 404 not visible to this caller.
 */
export type Outcome = 'allowed' | 401 | 403 | 404;
export type Expectation = Record<Caller, Outcome>;

const A = 'allowed' as const;
const row = (
  anonymous: Outcome,
  admin: Outcome,
  manager: Outcome,
  promoter1: Outcome,
  promoter2: Outcome,
  viewer: Outcome,
  apiKey: Outcome,
): Expectation => ({ anonymous, admin, manager, promoter1, promoter2, viewer, apiKey });

//                          anon admin mgr  p1   p2   viewer key
/** Open to anyone. */
const PUBLIC = row(A, A, A, A, A, A, A);
/** Any staff user reads; machine keys may not. */
const STAFF = row(401, A, A, A, A, A, 403);
/** Any authenticated caller, keys included. */
const ANY_CALLER = row(401, A, A, A, A, A, A);
/** Administration: users, keys, configuration. */
const ADMIN = row(401, A, 403, 403, 403, 403, 403);
/** Admins and managers: assignment, conflicts, approvals, merges. */
const MANAGERS = row(401, A, A, 403, 403, 403, 403);
/** Promoters (and admins) create leads, deals, visits. */
const PROMOTERS = row(401, A, 403, A, A, 403, 403);
/** Changes to promoter1's record: its owner and admins only. */
const OWNER = row(401, A, 403, A, 403, 403, 403);
/** Notes and tasks on promoter1's firm: its owner, managers and admins. */
const OWNER_OR_MANAGER = row(401, A, A, A, 403, 403, 403);
/** promoter1's own inbox: nobody else sees its notifications, admins included. */
const OWN_INBOX = row(401, 404, 404, A, 404, 404, 403);
/** The signed webhook: public, but no caller here has the signature. */
const SIGNED_WEBHOOK = row(401, 401, 401, 401, 401, 401, 401);

/** Named ids the test creates or picks before walking the routes. */
export interface Fixtures {
  promoter1: string;
  promoter2: string;
  /** A throwaway user (admin-only routes act on it). */
  user: string;
  apiKey: string;
  notification: string;
  company: string;
  otherCompany: string;
  contact: string;
  revenue: string;
  lead: string;
  leadToConvert: string;
  pooledLead: string;
  conflict: string;
  pipeline: string;
  stage: string;
  deal: string;
  otherDeal: string;
  activity: string;
  task: string;
  siteVisit: string;
  building: string;
  unit: string;
  reservation: string;
  template: string;
  track: string;
  trackTask: string;
  computeAccount: string;
  outboxIntent: string;
  program: string;
  application: string;
  target: string;
}

export interface RouteRequest {
  params?: Record<string, string>;
  body?: unknown;
  query?: string;
}

export interface MatrixEntry {
  expect: Expectation;
  /** Path params and a body valid enough that a refusal cannot hide behind a 400. */
  request?: (f: Fixtures) => RouteRequest;
  /** Statuses that also mean "past the guard" here, with the reason in a comment. */
  tolerate?: number[];
}

const id = (value: string) => ({ params: { id: value } });
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export const MATRIX: Record<string, MatrixEntry> = {
  'GET /health': { expect: PUBLIC },
  'GET /api/v1/audit': { expect: MANAGERS },

  'POST /api/v1/auth/login': { expect: PUBLIC },
  'POST /api/v1/auth/refresh': { expect: PUBLIC },
  'POST /api/v1/auth/logout': { expect: PUBLIC },
  'GET /api/v1/auth/me': { expect: ANY_CALLER },

  'GET /api/v1/users': { expect: STAFF },
  'GET /api/v1/users/:id': { expect: STAFF, request: (f) => id(f.user) },
  'POST /api/v1/users': { expect: ADMIN },
  'PATCH /api/v1/users/:id': {
    expect: ADMIN,
    request: (f) => ({ ...id(f.user), body: { displayName: 'Renamed' } }),
  },
  'DELETE /api/v1/users/:id': { expect: ADMIN, request: (f) => id(f.user) },

  'GET /api/v1/api-keys': { expect: ADMIN },
  'GET /api/v1/api-keys/:id': { expect: ADMIN, request: (f) => id(f.apiKey) },
  'POST /api/v1/api-keys': { expect: ADMIN },
  'DELETE /api/v1/api-keys/:id': { expect: ADMIN, request: (f) => id(f.apiKey) },

  'GET /api/v1/notifications': { expect: STAFF },
  'GET /api/v1/notifications/groups': { expect: STAFF },
  // Marks the caller's own only: a group nobody has, so that the fixtures stay unread.
  'POST /api/v1/notifications/read': {
    expect: STAFF,
    request: () => ({ body: { group: 'matrix.none' } }),
  },
  'PATCH /api/v1/notifications/:id': {
    expect: OWN_INBOX,
    request: (f) => ({ ...id(f.notification), body: { read: true } }),
  },

  'GET /api/v1/companies': { expect: STAFF },
  'GET /api/v1/companies/matches': { expect: STAFF },
  'GET /api/v1/companies/export': { expect: STAFF },
  'GET /api/v1/companies/:id': { expect: STAFF, request: (f) => id(f.company) },
  'POST /api/v1/companies': { expect: ADMIN },
  'PATCH /api/v1/companies/:id': {
    expect: OWNER,
    request: (f) => ({ ...id(f.company), body: { hqCity: '北京' } }),
  },
  'DELETE /api/v1/companies/:id': { expect: ADMIN, request: (f) => id(f.company) },
  'POST /api/v1/companies/:id/merge': {
    expect: MANAGERS,
    request: (f) => ({ ...id(f.otherCompany), body: {} }),
  },
  'POST /api/v1/companies/:id/churn': {
    expect: MANAGERS,
    request: (f) => ({ ...id(f.company), body: { reason: 'moved out' } }),
  },
  'GET /api/v1/companies/:id/contacts': { expect: STAFF, request: (f) => id(f.company) },
  'POST /api/v1/companies/:id/contacts': {
    expect: OWNER,
    request: (f) => ({ ...id(f.company), body: { name: '王经理' } }),
  },
  'GET /api/v1/contacts/:id': { expect: STAFF, request: (f) => id(f.contact) },
  'PATCH /api/v1/contacts/:id': {
    expect: OWNER,
    request: (f) => ({ ...id(f.contact), body: { title: 'CTO' } }),
  },
  'DELETE /api/v1/contacts/:id': { expect: OWNER, request: (f) => id(f.contact) },
  'GET /api/v1/companies/:id/revenues': { expect: STAFF, request: (f) => id(f.company) },
  'POST /api/v1/companies/:id/revenues': {
    expect: OWNER,
    request: (f) => ({ ...id(f.company), body: { year: 2015, revenue: '100.00' } }),
  },
  'PATCH /api/v1/companies/:id/revenues/:revenueId': {
    expect: OWNER,
    request: (f) => ({
      params: { id: f.company, revenueId: f.revenue },
      body: { source: 'annual report' },
    }),
  },
  'DELETE /api/v1/companies/:id/revenues/:revenueId': {
    expect: OWNER,
    request: (f) => ({ params: { id: f.company, revenueId: f.revenue } }),
  },

  'GET /api/v1/leads': { expect: STAFF },
  'GET /api/v1/leads/export': { expect: STAFF },
  'POST /api/v1/leads/import': { expect: PROMOTERS },
  'GET /api/v1/leads/:id': { expect: STAFF, request: (f) => id(f.lead) },
  'POST /api/v1/leads': { expect: PROMOTERS },
  'PATCH /api/v1/leads/:id': {
    expect: OWNER,
    request: (f) => ({ ...id(f.lead), body: { notes: 'called back' } }),
  },
  'DELETE /api/v1/leads/:id': { expect: OWNER, request: (f) => id(f.lead) },
  'POST /api/v1/leads/:id/claim': { expect: PROMOTERS, request: (f) => id(f.pooledLead) },
  'POST /api/v1/leads/:id/assign': {
    expect: MANAGERS,
    request: (f) => ({ ...id(f.lead), body: { ownerId: f.promoter2 } }),
  },
  'POST /api/v1/leads/:id/convert': {
    expect: OWNER,
    request: (f) => ({ ...id(f.leadToConvert), body: {} }),
  },
  'GET /api/v1/lead-conflicts': { expect: STAFF },
  'GET /api/v1/lead-conflicts/:id': { expect: STAFF, request: (f) => id(f.conflict) },
  'POST /api/v1/lead-conflicts/:id/resolve': {
    expect: MANAGERS,
    request: (f) => ({ ...id(f.conflict), body: {} }),
  },

  'GET /api/v1/pipelines': { expect: STAFF },
  'GET /api/v1/pipelines/:id': { expect: STAFF, request: (f) => id(f.pipeline) },
  'POST /api/v1/pipelines': { expect: ADMIN },
  'PATCH /api/v1/pipelines/:id': {
    expect: ADMIN,
    request: (f) => ({ ...id(f.pipeline), body: { nameEn: 'Default' } }),
  },
  'GET /api/v1/pipelines/:id/stages': { expect: STAFF, request: (f) => id(f.pipeline) },
  'POST /api/v1/pipelines/:id/stages': { expect: ADMIN, request: (f) => id(f.pipeline) },
  'GET /api/v1/stages/:id': { expect: STAFF, request: (f) => id(f.stage) },
  'PATCH /api/v1/stages/:id': {
    expect: ADMIN,
    request: (f) => ({ ...id(f.stage), body: { slaDays: 30 } }),
  },
  'DELETE /api/v1/stages/:id': { expect: ADMIN, request: (f) => id(f.stage) },

  'GET /api/v1/deals': { expect: STAFF },
  'GET /api/v1/deals/board': { expect: STAFF },
  'GET /api/v1/deals/:id': { expect: STAFF, request: (f) => id(f.deal) },
  'POST /api/v1/deals': { expect: PROMOTERS },
  'PATCH /api/v1/deals/:id': {
    expect: OWNER,
    request: (f) => ({ ...id(f.deal), body: { title: 'Renamed deal' } }),
  },
  'DELETE /api/v1/deals/:id': { expect: OWNER, request: (f) => id(f.deal) },
  'POST /api/v1/deals/:id/move': {
    expect: OWNER,
    request: (f) => ({ ...id(f.deal), body: { stageId: f.stage } }),
  },
  'GET /api/v1/deals/:id/history': { expect: STAFF, request: (f) => id(f.deal) },

  'GET /api/v1/activities': { expect: STAFF },
  'POST /api/v1/activities': {
    expect: OWNER_OR_MANAGER,
    request: (f) => ({ body: { type: 'note', subject: 'Matrix note', companyId: f.company } }),
  },
  'PATCH /api/v1/activities/:id': {
    expect: OWNER,
    request: (f) => ({ ...id(f.activity), body: { subject: 'Edited' } }),
  },
  'DELETE /api/v1/activities/:id': { expect: OWNER, request: (f) => id(f.activity) },
  'GET /api/v1/tasks': { expect: STAFF },
  'POST /api/v1/tasks': {
    expect: OWNER_OR_MANAGER,
    request: (f) => ({ body: { title: 'Matrix task', dueAt: future(3), companyId: f.company } }),
  },
  'PATCH /api/v1/tasks/:id': {
    expect: OWNER,
    request: (f) => ({ ...id(f.task), body: { title: 'Edited task' } }),
  },
  'DELETE /api/v1/tasks/:id': { expect: OWNER, request: (f) => id(f.task) },
  'GET /api/v1/timeline/:entityType/:id': {
    expect: STAFF,
    request: (f) => ({ params: { entityType: 'deal', id: f.deal } }),
  },

  'GET /api/v1/site-visits': { expect: STAFF },
  'GET /api/v1/site-visits/:id': { expect: STAFF, request: (f) => id(f.siteVisit) },
  'POST /api/v1/site-visits': { expect: PROMOTERS },
  'PATCH /api/v1/site-visits/:id': {
    expect: OWNER,
    request: (f) => ({ ...id(f.siteVisit), body: { placeLabel: 'Lobby' } }),
  },
  'POST /api/v1/site-visits/:id/complete': {
    expect: OWNER,
    request: (f) => ({ ...id(f.siteVisit), body: { interest: 4 } }),
  },
  'POST /api/v1/site-visits/:id/cancel': {
    expect: OWNER,
    request: (f) => ({ ...id(f.siteVisit), body: { reason: 'rescheduled' } }),
  },
  'POST /api/v1/site-visits/:id/no-show': { expect: OWNER, request: (f) => id(f.siteVisit) },

  'GET /api/v1/buildings': { expect: STAFF },
  'GET /api/v1/buildings/:id': { expect: STAFF, request: (f) => id(f.building) },
  'GET /api/v1/buildings/:id/occupancy': { expect: STAFF, request: (f) => id(f.building) },
  'POST /api/v1/buildings': { expect: ADMIN },
  'PATCH /api/v1/buildings/:id': {
    expect: ADMIN,
    request: (f) => ({ ...id(f.building), body: { floors: 12 } }),
  },
  'GET /api/v1/units': { expect: STAFF },
  'GET /api/v1/units/:id': { expect: STAFF, request: (f) => id(f.unit) },
  'POST /api/v1/units': { expect: ADMIN },
  'PATCH /api/v1/units/:id': {
    expect: ADMIN,
    request: (f) => ({ ...id(f.unit), body: { status: 'available' } }),
  },
  'GET /api/v1/reservations': { expect: STAFF },
  'POST /api/v1/reservations': {
    expect: OWNER,
    request: (f) => ({ body: { unitId: f.unit, dealId: f.deal, expiresAt: future(10) } }),
  },
  'POST /api/v1/reservations/:id/release': { expect: OWNER, request: (f) => id(f.reservation) },
  'GET /api/v1/leases': { expect: STAFF },
  'POST /api/v1/leases': {
    expect: OWNER,
    request: (f) => ({
      body: {
        unitId: f.unit,
        dealId: f.deal,
        startDate: '2031-01-01',
        endDate: '2031-12-31',
        monthlyRent: '1000.00',
      },
    }),
  },

  'GET /api/v1/onboarding-templates': { expect: STAFF },
  'GET /api/v1/onboarding-templates/:id': { expect: STAFF, request: (f) => id(f.template) },
  'POST /api/v1/onboarding-templates': { expect: ADMIN },
  'PATCH /api/v1/onboarding-templates/:id': {
    expect: ADMIN,
    request: (f) => ({ ...id(f.template), body: { name: 'Renamed template' } }),
  },
  'GET /api/v1/onboarding-tracks': { expect: STAFF },
  'GET /api/v1/onboarding-tracks/:id': { expect: STAFF, request: (f) => id(f.track) },
  'PATCH /api/v1/onboarding-tracks/:id/tasks/:taskId': {
    expect: OWNER,
    request: (f) => ({
      params: { id: f.track, taskId: f.trackTask },
      body: { dueDate: '2031-01-01' },
    }),
  },

  'GET /api/v1/compute-accounts': { expect: STAFF },
  'POST /api/v1/compute-accounts': { expect: MANAGERS },
  'GET /api/v1/compute-accounts/reconciliation': { expect: STAFF },
  'POST /api/v1/compute-accounts/reconciliation': { expect: ADMIN },
  'GET /api/v1/compute-accounts/:id': { expect: STAFF, request: (f) => id(f.computeAccount) },
  'GET /api/v1/compute-accounts/:id/usage': {
    expect: STAFF,
    request: (f) => id(f.computeAccount),
  },
  'POST /api/v1/compute-accounts/:id/resync': {
    expect: MANAGERS,
    // The test app has no compute center configured: an allowed resync answers 503.
    tolerate: [503],
    request: (f) => id(f.computeAccount),
  },
  'POST /api/v1/integrations/compute-center/events': { expect: SIGNED_WEBHOOK },
  'GET /api/v1/integrations/compute-center/outbox': { expect: ADMIN },
  'POST /api/v1/integrations/compute-center/outbox/:id/retry': {
    expect: ADMIN,
    request: (f) => id(f.outboxIntent),
  },

  'GET /api/v1/programs': { expect: STAFF },
  'GET /api/v1/programs/fund': { expect: STAFF },
  'GET /api/v1/programs/:id': { expect: STAFF, request: (f) => id(f.program) },
  'POST /api/v1/programs': { expect: ADMIN },
  'PATCH /api/v1/programs/:id': {
    expect: ADMIN,
    request: (f) => ({ ...id(f.program), body: { nameEn: 'Renamed program' } }),
  },
  'GET /api/v1/applications': { expect: STAFF },
  'GET /api/v1/applications/:id': { expect: STAFF, request: (f) => id(f.application) },
  'POST /api/v1/applications': {
    expect: OWNER,
    request: (f) => ({
      body: { programId: f.program, companyId: f.company, requestedAmount: '1000.00' },
    }),
  },
  'PATCH /api/v1/applications/:id': {
    expect: OWNER,
    request: (f) => ({ ...id(f.application), body: { purpose: 'GPU hours' } }),
  },
  'POST /api/v1/applications/:id/submit': { expect: OWNER, request: (f) => id(f.application) },
  'POST /api/v1/applications/:id/approve': {
    expect: MANAGERS,
    request: (f) => ({ ...id(f.application), body: {} }),
  },
  'POST /api/v1/applications/:id/reject': {
    expect: MANAGERS,
    request: (f) => ({ ...id(f.application), body: { reason: 'out of scope' } }),
  },
  'POST /api/v1/applications/:id/disburse': {
    expect: MANAGERS,
    request: (f) => ({ ...id(f.application), body: {} }),
  },
  'GET /api/v1/companies/:id/support': { expect: STAFF, request: (f) => id(f.company) },

  'GET /api/v1/search': { expect: STAFF, request: () => ({ query: 'q=北京' }) },
  'GET /api/v1/reports/funnel': { expect: STAFF },
  'GET /api/v1/reports/velocity': { expect: STAFF },
  'GET /api/v1/reports/forecast': { expect: STAFF },
  'GET /api/v1/reports/sources': { expect: STAFF },
  'GET /api/v1/reports/site-visits': { expect: STAFF },
  'GET /api/v1/reports/team': { expect: STAFF },
  'GET /api/v1/reports/targets': { expect: STAFF },
  'GET /api/v1/reports/compute-usage': { expect: STAFF },
  'GET /api/v1/reports/overview': { expect: STAFF },
  'GET /api/v1/reports/leadership-pack': { expect: STAFF },
  'GET /api/v1/targets': { expect: STAFF },
  'GET /api/v1/targets/:id': { expect: STAFF, request: (f) => id(f.target) },
  'POST /api/v1/targets': { expect: ADMIN },
  'PATCH /api/v1/targets/:id': {
    expect: ADMIN,
    request: (f) => ({ ...id(f.target), body: { nameEn: 'Renamed target' } }),
  },
  'DELETE /api/v1/targets/:id': { expect: ADMIN, request: (f) => id(f.target) },
};

/**
 * Fields no body may set: identity, ownership, role, concurrency and timestamps, and references to
 * another promoter's records. A route whose DTO legitimately takes one of them names it below.
 */
export const FORBIDDEN_FIELDS = [
  'id',
  'ownerId',
  'role',
  'version',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'createdById',
  'companyId',
  'dealId',
] as const;
export type ForbiddenField = (typeof FORBIDDEN_FIELDS)[number];

/** Where a body may carry one of the fields above, and why that is not mass assignment. */
export const LEGITIMATE_FIELDS: Record<string, ForbiddenField[]> = {
  // Creating or editing a user sets its role: admins only (the route is ADMIN in the matrix).
  'POST /api/v1/users': ['role'],
  'PATCH /api/v1/users/:id': ['role'],
  // A lead may name an existing firm; a lead is assigned by managers.
  'POST /api/v1/leads': ['companyId'],
  'POST /api/v1/leads/:id/assign': ['ownerId'],
  // A deal is opened for a firm; notes, tasks, applications and holds name what they are about.
  'POST /api/v1/deals': ['companyId'],
  'POST /api/v1/activities': ['companyId', 'dealId'],
  'POST /api/v1/tasks': ['companyId', 'dealId'],
  'POST /api/v1/site-visits': ['dealId'],
  'POST /api/v1/reservations': ['dealId'],
  'POST /api/v1/leases': ['dealId'],
  'POST /api/v1/applications': ['companyId'],
  'POST /api/v1/compute-accounts': ['companyId'],
};

/** Changes to one of promoter1's records, made with its current version: the owner may, another may not. */
export interface OwnedWrite {
  route: string;
  table: string;
  fixture: keyof Fixtures;
  body: Record<string, unknown>;
  /** What promoter2 gets: 403, or 404 where the record is not visible to it at all. */
  refusal: 403 | 404;
}

export const OWNED_WRITES: OwnedWrite[] = [
  {
    route: 'PATCH /api/v1/leads/:id',
    table: 'leads',
    fixture: 'lead',
    body: { notes: 'mine' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/companies/:id',
    table: 'companies',
    fixture: 'company',
    body: { hqCity: '上海' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/contacts/:id',
    table: 'contacts',
    fixture: 'contact',
    body: { title: 'CEO' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/companies/:id/revenues/:revenueId',
    table: 'company_revenues',
    fixture: 'revenue',
    body: { source: 'audited' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/deals/:id',
    table: 'deals',
    fixture: 'deal',
    body: { title: 'My deal' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/activities/:id',
    table: 'activities',
    fixture: 'activity',
    body: { subject: 'Mine' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/tasks/:id',
    table: 'tasks',
    fixture: 'task',
    body: { title: 'My task' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/site-visits/:id',
    table: 'site_visits',
    fixture: 'siteVisit',
    body: { placeLabel: 'Hall' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/applications/:id',
    table: 'applications',
    fixture: 'application',
    body: { purpose: 'Training runs' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/onboarding-tracks/:id/tasks/:taskId',
    table: 'onboarding_tasks',
    fixture: 'trackTask',
    body: { dueDate: '2031-02-01' },
    refusal: 403,
  },
  {
    route: 'PATCH /api/v1/notifications/:id',
    table: 'notifications',
    fixture: 'notification',
    body: { read: true },
    refusal: 404,
  },
];

/** Records promoter1 may create on its own firm or deal but not on promoter2's (`other*` fixtures). */
export const CROSS_OWNER_CREATES: {
  route: string;
  body: (f: Fixtures) => Record<string, unknown>;
}[] = [
  {
    route: 'POST /api/v1/activities',
    body: (f) => ({ type: 'note', subject: 'x', companyId: f.otherCompany }),
  },
  {
    route: 'POST /api/v1/tasks',
    body: (f) => ({ title: 'x', dueAt: future(2), companyId: f.otherCompany }),
  },
  {
    route: 'POST /api/v1/applications',
    body: (f) => ({ programId: f.program, companyId: f.otherCompany, requestedAmount: '10.00' }),
  },
  {
    route: 'POST /api/v1/reservations',
    body: (f) => ({ unitId: f.unit, dealId: f.otherDeal, expiresAt: future(5) }),
  },
  {
    route: 'POST /api/v1/leases',
    body: (f) => ({
      unitId: f.unit,
      dealId: f.otherDeal,
      startDate: '2032-01-01',
      endDate: '2032-06-30',
      monthlyRent: '10.00',
    }),
  },
  {
    route: 'POST /api/v1/site-visits',
    body: (f) => ({
      dealId: f.otherDeal,
      startsAt: '2031-04-04T10:00:00+08:00',
      endsAt: '2031-04-04T11:00:00+08:00',
      placeType: 'computing_center',
      hostIds: [f.promoter1],
    }),
  },
];
