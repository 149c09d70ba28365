/**
 * The warnings of a workspace CLV run, each once, as data with a stable code and a sentence in
 * the workspace's language (src/words): the purchase model's and the spend model's own, too few
 * repeat buyers, a group its own fit could not carry, and a group the model misses on the
 * held-out weeks. The CLI prints them and `--json` carries them; the stored fits keep English.
 */
import type { FitIssue, LbfgsStop } from '../clv/index.ts';
import { unreachable } from '../core/index.ts';
import { clvWarningWord, significant, textNumbers, type Lang } from '../words/index.ts';
import type { HoldoutCheck } from './holdout.ts';

/** Stable code of a CLV run warning (`worth clv --json`). */
export type ClvWarningCode = FitIssue['code'] | 'fewRepeatBuyers' | 'holdoutMiss' | 'groupFallback';

/** One warning of a CLV run. */
export interface ClvRunWarning {
  /** Stable code, for tools. */
  code: ClvWarningCode;
  /** What it is about: the pooled purchase model, the spend model, or one group's purchase fit. */
  about: 'purchase' | 'spend' | 'group';
  /** The group's value when about a group ('' for customers without one); null otherwise. */
  group: string | null;
  /** What it is about, in the workspace's language (`aankoopmodel bgnbd`, `bgnbd for segment Retail`). */
  subject: string;
  /** The warning, in the workspace's language. */
  text: string;
}

/** Who a warning is about, and its subject in `lang`. */
export interface WarningSubject {
  about: ClvRunWarning['about'];
  model: string;
  /** The grouping column (about a group). */
  column?: string;
  /** The group's value (about a group; '' for customers without one). */
  group?: string;
}

function subjectText(lang: Lang, s: WarningSubject): string {
  switch (s.about) {
    case 'purchase':
      return clvWarningWord(lang, 'aboutPurchase', { model: s.model });
    case 'spend':
      return clvWarningWord(lang, 'aboutSpend', { model: s.model });
    case 'group':
      return s.group === ''
        ? clvWarningWord(lang, 'aboutNoValue', { model: s.model, column: s.column ?? '' })
        : clvWarningWord(lang, 'aboutGroup', {
            model: s.model,
            column: s.column ?? '',
            group: s.group ?? '',
          });
    default:
      return unreachable(s.about, 'warning subject');
  }
}

function warning(lang: Lang, s: WarningSubject, code: ClvWarningCode, text: string): ClvRunWarning {
  return {
    code,
    about: s.about,
    group: s.about === 'group' ? (s.group ?? '') : null,
    subject: subjectText(lang, s),
    text,
  };
}

/** A fit's issues as warnings in `lang`. */
export function fitWarnings(lang: Lang, s: WarningSubject, issues: readonly FitIssue[]): ClvRunWarning[] {
  return issues.map((i) => {
    switch (i.code) {
      case 'edge':
        return warning(
          lang,
          s,
          i.code,
          clvWarningWord(lang, 'edge', { param: i.param, value: significant(i.value, lang) }),
        );
      case 'noStandardError':
        return warning(lang, s, i.code, clvWarningWord(lang, 'noStandardError', { param: i.param }));
      case 'standardErrorLarge':
        return warning(
          lang,
          s,
          i.code,
          clvWarningWord(lang, 'standardErrorLarge', {
            param: i.param,
            se: significant(i.standardError, lang),
            value: significant(i.value, lang),
          }),
        );
      case 'notConverged':
        return warning(
          lang,
          s,
          i.code,
          clvWarningWord(lang, 'notConverged', { why: stopWord(lang, i.stop) }),
        );
      default:
        return unreachable(i, 'fit issue');
    }
  });
}

/** Why the optimiser stopped, in `lang`. */
function stopWord(lang: Lang, stop: LbfgsStop): string {
  switch (stop) {
    case 'iterationLimit':
      return clvWarningWord(lang, 'stopIterationLimit');
    case 'lineSearch':
      return clvWarningWord(lang, 'stopLineSearch');
    case 'gradient':
      return clvWarningWord(lang, 'stopGradient');
    case 'functionChange':
      return clvWarningWord(lang, 'stopFunctionChange');
    default:
      return unreachable(stop, 'optimiser stop');
  }
}

/** Too few repeat buyers for the purchase model, as a sentence in `lang` (also the stored English one). */
export function fewRepeatBuyersText(
  lang: Lang,
  f: { repeat: number; customers: number; min: number; minShare: number },
): string {
  const n = textNumbers(lang);
  return clvWarningWord(lang, 'fewRepeatBuyers', {
    repeat: n.int(f.repeat),
    customers: n.int(f.customers),
    share: n.pct(f.repeat / f.customers),
    min: n.int(f.min),
    minShare: n.pct(f.minShare, 0),
  });
}

/** The warning for too few repeat buyers. */
export function fewRepeatBuyersWarning(
  lang: Lang,
  s: WarningSubject,
  f: { repeat: number; customers: number; min: number; minShare: number },
): ClvRunWarning {
  return warning(lang, s, 'fewRepeatBuyers', fewRepeatBuyersText(lang, f));
}

/** A group whose own fit failed, so the pooled fit stands in. */
export function groupFallbackWarning(lang: Lang, s: WarningSubject): ClvRunWarning {
  return warning(lang, s, 'groupFallback', clvWarningWord(lang, 'groupFallback'));
}

/** One warning per group whose held-out purchases are off by more than `check.warnAbove` (none with fewer than two groups). */
export function holdoutMissWarnings(
  lang: Lang,
  check: HoldoutCheck | null,
  model: string,
  column: string | null,
): ClvRunWarning[] {
  if (!check || check.groups.length < 2) return [];
  const n = textNumbers(lang);
  return check.groups.flatMap((g) => {
    if (g.error === null || !(Math.abs(g.error) > check.warnAbove)) return [];
    const s: WarningSubject = { about: 'group', model, column: column ?? '', group: g.name };
    return [
      warning(
        lang,
        s,
        'holdoutMiss',
        clvWarningWord(lang, 'holdoutMiss', {
          expected: n.int(g.expected),
          weeks: n.int(check.weeks),
          actual: n.int(g.actual),
          error: `${g.error > 0 ? '+' : ''}${n.pct(g.error)}`,
          limit: n.pct(check.warnAbove, 0),
          customers: n.int(g.customers),
        }),
      ),
    ];
  });
}
