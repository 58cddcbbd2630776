/**
 * Chinese names of audit actions and of the kinds of thing acted on. Each module names its own in
 * its manifest (`audit`); the composition root registers them, and the audit log shows them.
 */
export type AuditLabels = { actions?: Readonly<Record<string, string>>; targets?: Readonly<Record<string, string>> };

const actions = new Map<string, string>();
const targets = new Map<string, string>();

export function defineAuditLabels(l: AuditLabels): void {
  for (const [k, v] of Object.entries(l.actions ?? {})) actions.set(k, v);
  for (const [k, v] of Object.entries(l.targets ?? {})) targets.set(k, v);
}

/** The action's Chinese name; an unnamed one says so rather than showing a code as if it were a word. */
export const auditActionLabel = (action: string): string => actions.get(action) ?? `未命名的操作（${action}）`;
export const auditTargetLabel = (type: string): string => targets.get(type) ?? `未命名的对象（${type}）`;
export const hasAuditActionLabel = (action: string): boolean => actions.has(action);
export const hasAuditTargetLabel = (type: string): boolean => targets.has(type);

/** Labels for `${prefix}.${action}` from a state machine's transitions, e.g. 政府信息：提交审核. */
export const transitionLabels = (prefix: string, subject: string, transitions: Readonly<Record<string, { label: string }>>): Record<string, string> =>
  Object.fromEntries(Object.entries(transitions).map(([k, t]) => [`${prefix}.${k}`, `${subject}：${t.label}`]));
