import type { ModuleManifest } from '../core/module.js';
import { calendarModule } from '../core/calendar/index.js';
import { filesModule } from '../core/files/index.js';
import { portalModule } from './portal/index.js';
import { orgModule } from './org/index.js';
import { accountModule } from './account/index.js';
import { catalogModule } from './catalog/index.js';
import { infoModule } from './info/index.js';
import { foiModule } from './foi/index.js';
import { reportModule } from './report/index.js';
import { regionModule } from './region/index.js';
import { searchModule } from './search/index.js';
import { participationModule } from './participation/index.js';
import { hearingModule } from './hearing/index.js';
import { surveyModule } from './survey/index.js';
import { opinionModule } from './opinion/index.js';
import { opendayModule } from './openday/index.js';
import { interviewModule } from './interview/index.js';
import { proposalsModule } from './proposals/index.js';
import { messagesModule } from './messages/index.js';
import { negativeModule } from './negative/index.js';
import { guidesModule } from './guides/index.js';
import { offlineModule } from './offline/index.js';
import { ratingsModule } from './ratings/index.js';
import { villageModule } from './village/index.js';

/**
 * Every module of the platform, in dependency order: seeds run in this order (the org tree before
 * the staff, the staff before the work they do), and routes are registered in it. Adding a module
 * is its folder and one line here. The portal follows the tree and the staff, so its demo sites
 * name their governments.
 */
export const MODULES: readonly ModuleManifest[] = [
  orgModule,
  accountModule,
  portalModule,
  calendarModule,
  catalogModule,
  // Before info and foi: their demo seeds cite its published entries.
  negativeModule,
  infoModule,
  foiModule,
  reportModule,
  participationModule,
  hearingModule,
  surveyModule,
  opinionModule,
  opendayModule,
  interviewModule,
  proposalsModule,
  messagesModule,
  guidesModule,
  ratingsModule,
  villageModule,
  regionModule,
  filesModule,
  searchModule,
  offlineModule,
];
