// Planning: the contact plan that gives each station's single antenna to one spacecraft at a time
// by priority rules, from predicted passes.
export { planContacts } from './planContacts.ts';
export type {
  ContactPlanResult,
  DropReason,
  DroppedPass,
  PlannedContact,
  PlanningPass,
  PlanningRules,
  PlanningSpacecraft,
} from './planContacts.ts';
export { freePieces, insertBusy } from './intervals.ts';
export type { Interval } from './intervals.ts';
