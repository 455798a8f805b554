import { matchCommand, type CommandMatch } from '../../analyze/command-patterns';
import type { Intel } from '../../intel/intel';
import { type Severity, severityRank } from '../../model/finding';

// Judging a command line, shared by the shell-hook, history and logged-command rules.

/**
 * The dangerous command patterns a line matches, worst first. "history -a; history -c; history -r"
 * is the well-known idiom for sharing history between terminals, not a wipe.
 */
export function dangerousPatterns(intel: Intel, text: string): CommandMatch[] {
  const syncIdiom = /history\s+-a\b/.test(text) && /history\s+-r\b/.test(text);
  return matchCommand(intel, text)
    .filter(
      (m) =>
        !(
          m.id === 'history-wipe' &&
          syncIdiom &&
          matchCommand(intel, text.replace(/history\s+-c\b/g, '')).every((x) => x.id !== 'history-wipe')
        ),
    )
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

/** Command patterns whose severity depends on where the download comes from (see downloadSeverity). */
export const DOWNLOAD_EXEC = new Set(['download-pipe-shell', 'download-pipe-interpreter', 'download-then-execute']);
const URL = /\b(?:https?|ftp|tftp):\/\/([^\s/:'"?#|;&)]+)(?::\d+)?(\/[^\s'"|;&)]*)?/gi;
const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;
// curl -k / --insecure, wget --no-check-certificate: the certificate no longer vouches for the host.
const INSECURE = /(\bcurl\b[^|;&]*\s-[a-jl-z]*k[a-z]*\b|--insecure\b|--no-check-certificate\b)/i;

/**
 * How bad a download-and-run line typed in a shell is, from where it downloads: a vendor's documented
 * installer (get.docker.com, download.bt.cn) is how admins install software (low); another https
 * host is worth following (high); a bare address, plain http, an ignored certificate or no visible
 * URL is how droppers arrive (critical).
 */
export function downloadSeverity(intel: Intel, text: string): Severity {
  const urls = [...text.matchAll(URL)].map((m) => ({
    scheme: m[0].split(':')[0].toLowerCase(),
    host: m[1].toLowerCase(),
    path: m[2] ?? '/',
  }));
  if (urls.length === 0 || INSECURE.test(text)) return 'critical';
  if (urls.some((u) => IP_HOST.test(u.host))) return 'critical';
  const vendor = (u: { host: string; path: string }) =>
    intel.commands.installerHosts.some((entry) => {
      const e = entry.toLowerCase();
      const slash = e.indexOf('/');
      const host = slash < 0 ? e : e.slice(0, slash);
      if (u.host !== host && !u.host.endsWith(`.${host}`)) return false;
      return slash < 0 || u.path.startsWith(e.slice(slash));
    });
  if (urls.every(vendor)) return 'low';
  return urls.every((u) => u.scheme === 'https') ? 'high' : 'critical';
}
