import fs from 'node:fs';
import { ctextBy, cui } from '../../i18n/contain-ui';
import { ActionError, type PlannedAction, registerActionKind } from '../action';
import { lockedFields, rewriteShadow, type ShadowFields, shadowFields, withFields } from '../contain/shadow';

// account.lock: the shadow fields as they were are the undo record, journaled before the change.

export interface LockData {
  user: string;
  shadow: string;
}

export function lockAction(id: string, data: LockData): PlannedAction<LockData> {
  return {
    id,
    kind: 'account.lock',
    summary: ctextBy((lang) => cui(lang, 'lockSummary', { user: data.user })),
    answers: [],
    undoSummary: ctextBy((lang) => cui(lang, 'lockUndo', { user: data.user, file: data.shadow })),
    data,
  };
}

function noUser(data: LockData): ActionError {
  return new ActionError(ctextBy((lang) => cui(lang, 'noUser', { user: data.user, file: data.shadow })));
}

registerActionKind<LockData, ShadowFields>({
  kind: 'account.lock',
  async prepare(a) {
    const fields = shadowFields(fs.readFileSync(a.data.shadow, 'utf8'), a.data.user);
    if (!fields) throw noUser(a.data);
    return fields;
  },
  async apply(a, before) {
    const next = withFields(fs.readFileSync(a.data.shadow, 'utf8'), a.data.user, lockedFields(before));
    if (next === null) throw noUser(a.data);
    rewriteShadow(a.data.shadow, next);
  },
  async undo(a, before) {
    const text = fs.readFileSync(a.data.shadow, 'utf8');
    const now = shadowFields(text, a.data.user);
    // Only hostsweep's own lock is reverted: a password someone set since is left alone.
    const locked = lockedFields(before);
    if (!now || now.password !== locked.password || now.expire !== locked.expire) return;
    const next = withFields(text, a.data.user, before);
    if (next !== null) rewriteShadow(a.data.shadow, next);
  },
});
