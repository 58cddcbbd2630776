import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Actor, Role } from './auth/actor.js';
import type { Ctx } from './context.js';
import type { SearchEntry } from './search/types.js';
import type { SearchKind } from './search/schema.js';
import type { AuditLabels } from './audit/labels.js';

/** What every route registrar and job gets: the configuration and the database. */
export type AppDeps = { config: Config; db: Db };

/** Registers routes; `modules` is every manifest of the app, for the few parts that serve them all (files). */
export type RouteRegistrar = (app: FastifyInstance, deps: AppDeps, modules: readonly ModuleManifest[]) => void | Promise<void>;

/** The staff navigation's groups, in the order shown; a group with no entry for the person is hidden. */
export const NAV_GROUPS = [
  { id: 'catalog', label: '公开目录' },
  { id: 'info', label: '政府信息' },
  { id: 'foi', label: '依申请公开' },
  { id: 'interaction', label: '互动交流' },
  { id: 'services', label: '办事服务' },
  { id: 'supervision', label: '考核监督' },
  { id: 'settings', label: '系统设置' },
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number]['id'];

/** A link in the staff navigation. `roles: 'any'` is every signed-in person. */
export type StaffNavEntry = { group: NavGroup; href: string; label: string; roles: readonly Role[] | 'any'; order?: number };

/**
 * The public navigation's sections that gather several modules' columns under one link, with a
 * landing page listing them (the portal serves it): a phone's menu stays two rows, not four.
 */
export const PUBLIC_SECTIONS = [
  { id: 'participation', label: '公众参与', href: '/canyu', order: 35, intro: '重大行政决策和政策文件在出台前听取公众意见：意见征集、听证会座谈会、问卷调查，以及意见采纳情况的反馈。' },
  { id: 'interaction', label: '互动交流', href: '/hudong', order: 50, intro: '向政府部门留言咨询、投诉建议，查看答复；在线访谈、政府开放日、建议提案办理结果和政务舆情回应。' },
] as const;
export type PublicSectionId = (typeof PUBLIC_SECTIONS)[number]['id'];

/**
 * A link in the public navigation, ordered by `order` across modules. With a `section` it is
 * listed on that section's landing page (in the same order) instead of in the top row; `note`
 * says there in a line what the column is for.
 */
export type PublicNavEntry = { href: string; label: string; order: number; section?: PublicSectionId; note?: string };

/**
 * How pressing a waiting item is. `overdue`: past its date; `due`: due within the warning window
 * (3 working days for statutory clocks); `soon`: a date is coming; `normal`: waiting, no date.
 */
export type Urgency = 'overdue' | 'due' | 'soon' | 'normal';
export const URGENCY_RANK: Record<Urgency, number> = { overdue: 0, due: 1, soon: 2, normal: 3 };
export const URGENCY_LABELS: Record<Urgency, string> = { overdue: '已超期', due: '即将到期', soon: '有期限', normal: '待处理' };

/** One thing waiting for the person signed in. */
export type WorkItem = {
  group: NavGroup;
  /** What kind of work, in Chinese (e.g. 目录待审核). */
  kind: string;
  title: string;
  href: string;
  /** More about it in a line (the agency and the request, say); plain text. */
  detail?: string;
  /** The date it is due (YYYY-MM-DD), or null when nothing sets one. */
  dueOn: string | null;
  urgency: Urgency;
  /** A short Chinese explanation of the date: 还剩 2 个工作日, 已逾期 305 天 … */
  note?: string;
};

export type WorklistCtx = Ctx & { actor: Actor; config: Config; today: string };
/** A module's contribution to the worklist: only what this person may act on, from its services. */
export type WorklistProvider = (ctx: WorklistCtx) => Promise<WorkItem[]>;

/**
 * Whether this person may read, within their scope, an unpublished record of the module that uses
 * the stored file `fileId` (an edition's attachment, a file sent with a reply). `/files/` serves a
 * file that is not public only when some module says yes, so a file no module claims is served to
 * nobody. Published files need no reader: the module that publishes them marks them public.
 */
export type FileReader = (ctx: Ctx & { actor: Actor }, fileId: number) => Promise<boolean>;

/** Rebuilds one kind of search entry from the published records (used by search:reindex). */
export type SearchSource = { kind: SearchKind; label: string; entries: (db: Db) => Promise<SearchEntry[]> };

/** A box of links another module shows on a published information document's public page (e.g. 公众参与情况). */
export type DocumentPanel = { title: string; links: { href: string; label: string; note?: string }[] };
/** Gives the panel for a document, or null when the module has nothing about it. */
export type DocumentPanelProvider = (db: Db, documentId: number) => Promise<DocumentPanel | null>;
/** Gives a box of links for a consultation's public page (participation), e.g. its 听证会, or null. */
export type ConsultationPanelProvider = (db: Db, consultationId: number) => Promise<DocumentPanel | null>;

/** Gives a box of links for an agency's public page (org), e.g. its 常见问题, or null. */
export type AgencyPanelProvider = (db: Db, agencyId: number) => Promise<DocumentPanel | null>;

/**
 * A printable notice for a 公开栏 (notice board): what a module shows when one of its published
 * records is printed on A4 or A3 with a QR code to its page. The offline module prints it and
 * records where and until when it is posted; a 公示 ends on `until`.
 */
export type Notice = {
  title: string;
  /** The issuing body as printed under the title (发布机关). */
  issuer: string;
  /** The government whose site holds the record's public page (for the QR code's link). */
  govId: number | null;
  /** The record's public path on that site, e.g. `/xxgk/123`. */
  path: string;
  publishedOn: string;
  /** The last day of the 公示 period, or null when the record has none. */
  until: string | null;
  /** The body as plain paragraphs (no HTML): printed as typed. */
  paragraphs: readonly string[];
  /** An optional table (e.g. a 低保 list), printed after the paragraphs. */
  table?: { head: readonly string[]; rows: readonly (readonly string[])[] };
};
/** Gives the notice of one of a module's records, or null when it is not published or not in reach. */
export type NoticeProvider = { kind: string; label: string; load: (ctx: Ctx, id: number) => Promise<Notice | null> };

/** A periodic job; it must be safe to run in several instances at once (see core/jobs/scheduler). */
export type ScheduledJob = { name: string; everyMs: number; run: (deps: AppDeps) => Promise<unknown> };

/**
 * The demo installation, built module by module in the order of `MODULES`: the org module names
 * the agencies, the account module the staff, and every later module acts as them through its
 * own services, so what the demo shows went through the real workflow.
 */
export type DemoWorld = {
  db: Db;
  config: Config | null;
  mustChangePassword: boolean;
  /** Seed published government information and other slow extras (off in most unit tests). */
  full: boolean;
  /**
   * The region demo: 示范县 under a city (示范市) with a second county (示范南县), the city's
   * departments supervising some domains, and a site per government. Off in unit tests (one county).
   */
  region: boolean;
  /** Agency ids by name. */
  agencies: Map<string, number>;
  /** Demo staff by username. */
  actors: Map<string, Actor>;
  /** The service context of a demo account. */
  as: (username: string) => Ctx;
};

export type ModuleSeeds = {
  /** Reference data every installation needs; idempotent, runs at every start. */
  reference?: (db: Db) => Promise<void>;
  /** The demo county; runs once, on an empty database. */
  demo?: (world: DemoWorld) => Promise<void>;
};

/** Everything a module contributes to the platform. The composition root builds the app from these. */
export type ModuleManifest = {
  /** A short identifier, unique among modules. */
  name: string;
  /** The module's Chinese name (for the architecture page and error messages). */
  label: string;
  /**
   * Route registrars. `api` declares its operations with `apiRoute`/`documentRoute` (core/api.ts),
   * which puts each one, with its operationId and security, in the OpenAPI document.
   */
  routes?: { public?: RouteRegistrar; staff?: RouteRegistrar; api?: RouteRegistrar };
  nav?: readonly StaffNavEntry[];
  publicNav?: readonly PublicNavEntry[];
  search?: readonly SearchSource[];
  jobs?: readonly ScheduledJob[];
  seed?: ModuleSeeds;
  worklist?: WorklistProvider;
  /** Who may read the files its unpublished records use (see FileReader). */
  files?: FileReader;
  /** Boxes on the public page of an information document (the info module renders every module's). */
  documentPanels?: readonly DocumentPanelProvider[];
  /** Boxes on a consultation's public page from the modules that hold things of it (its meetings). */
  consultationPanels?: readonly ConsultationPanelProvider[];
  /** Boxes on an agency's public page (org renders every module's), e.g. its 常见问题. */
  agencyPanels?: readonly AgencyPanelProvider[];
  /** Its published records that print as 公开栏 notices (the offline module prints them). */
  notices?: readonly NoticeProvider[];
  /** Chinese names of the audit actions it records and of the things they act on. */
  audit?: AuditLabels;
};
