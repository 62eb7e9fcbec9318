/** Reading the reader's settings: which sites are paused, which findings to show. */
import type { Finding, Settings } from './schema';

export function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.replace(/^www\./, '').toLowerCase() : null;
  } catch {
    return null;
  }
}

/** A paused site covers its subdomains too: pausing example.com pauses news.example.com. */
export function isPaused(url: string, settings: Pick<Settings, 'pausedSites'>): boolean {
  const site = siteOf(url);
  if (!site) return false;
  return settings.pausedSites.some((p) => {
    const s = p.toLowerCase().replace(/^www\./, '');
    return site === s || site.endsWith(`.${s}`);
  });
}

export function shownFindings(findings: Finding[], settings: Pick<Settings, 'kindsShown' | 'minConfidence'>): Finding[] {
  return findings.filter((f) => settings.kindsShown.includes(f.kind) && f.confidence >= settings.minConfidence);
}
