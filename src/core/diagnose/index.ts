// Diagnosis helpers for the app: the rule view's dump and trace highlights, and the "why no
// endpoints?" analysis with its one-click fixes. (The app imports these from here until the core's
// index re-exports them.)
export { ruleDump, lineOfRule, hopRules, hopNode, focusHop, traversedRules, filterLines } from './rule-dump';
export type { RuleDump, RuleTable, TraversedRule } from './rule-dump';
export { analyzeNoEndpoints, servicesWithoutReadyEndpoints } from './no-endpoints';
export type { AnalyzeOptions } from './no-endpoints';
export { applyFix, findObject, renameKey } from './fix';
export { editDistance, isTypo, labelMiss, formatSelector, matchesSelector } from './near-miss';
export type { LabelMiss } from './near-miss';
export type { Finding, Fix, NoEndpointsReport, ObjectRef, PodRow, PortStatus, ReasonCode } from './types';
