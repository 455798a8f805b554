import { type PhraseValue, phrase, renderValue } from './phrases';
import type { Lang } from './lang';

// sshd names the authentication method in English ("password", "publickey",
// "keyboard-interactive/pam"); a Chinese sentence says it in Chinese.

const METHODS: Record<string, PhraseValue> = {
  password: phrase('method.password'),
  publickey: phrase('method.publickey'),
  'keyboard-interactive': phrase('method.keyboardInteractive'),
  'keyboard-interactive/pam': phrase('method.keyboardInteractive'),
  hostbased: phrase('method.hostbased'),
  'gssapi-with-mic': phrase('method.gssapi'),
  'gssapi-keyex': phrase('method.gssapi'),
};

/** The login method as wording in every language; an unknown method stays as sshd wrote it. */
export function loginMethod(method: string): PhraseValue {
  return METHODS[method] ?? method;
}

export function loginMethodText(method: string, lang: Lang): string {
  return renderValue(loginMethod(method), lang);
}
