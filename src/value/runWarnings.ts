/**
 * The warnings of a workspace CLV run, each once, as data with a stable code and its values
 * (`vars`), and a sentence in the workspace's language (src/words): the purchase model's and the
 * spend model's own, too few repeat buyers, a group its own fit could not carry, and a group the
 * model misses on the held-out weeks. The CLI prints them and `--json` carries them; the stored
 * fits keep the data (`clv_fit.warning_data`), so the dashboard and the report say them in theirs.
 */
import type { FitIssue } from '../clv/index.ts';
import { unreachable } from '../core/index.ts';
import {
  clvWarningSubject,
  clvWarningText,
  type ClvWarningData,
  type ClvWarningSubject,
  type Lang,
  type StoredClvWarning,
} from '../words/index.ts';
import type { HoldoutCheck } from './holdout.ts';

/** Stable code of a CLV run warning (`worth clv --json`). */
export type ClvWarningCode = ClvWarningData['code'];

/** One warning of a CLV run. */
export interface ClvRunWarning {
  /** Stable code, for tools. */
  code: ClvWarningCode;
  /** The values the sentence is made of (numbers unformatted), per code. */
  vars: ClvWarningData['vars'];
  /** What it is about: the pooled purchase model, the spend model, or one group's purchase fit. */
  about: 'purchase' | 'spend' | 'group';
  /** The group's value when about a group ('' for customers without one); null otherwise. */
  group: string | null;
  /** What it is about, in the workspace's language (`aankoopmodel bgnbd`, `bgnbd for segment Retail`). */
  subject: string;
  /** The warning, in the workspace's language. */
  text: string;
}

/** Who a warning is about. */
export type WarningSubject = ClvWarningSubject;

/** A stored warning (subject and data) said in `lang`. */
export function runWarning(lang: Lang, w: StoredClvWarning): ClvRunWarning {
  return {
    code: w.code,
    vars: w.vars,
    about: w.about,
    group: w.about === 'group' ? (w.group ?? '') : null,
    subject: clvWarningSubject(lang, w),
    text: clvWarningText(lang, w),
  };
}

/** A fit's issues as stored warnings about `s`. */
export function fitWarningData(s: WarningSubject, issues: readonly FitIssue[]): StoredClvWarning[] {
  return issues.map((i): StoredClvWarning => {
    switch (i.code) {
      case 'edge':
        return { ...s, code: i.code, vars: { param: i.param, value: i.value } };
      case 'noStandardError':
        return { ...s, code: i.code, vars: { param: i.param } };
      case 'standardErrorLarge':
        return {
          ...s,
          code: i.code,
          vars: { param: i.param, value: i.value, standardError: i.standardError },
        };
      case 'notConverged':
        return { ...s, code: i.code, vars: { stop: i.stop } };
      default:
        return unreachable(i, 'fit issue');
    }
  });
}

/** Too few repeat buyers for the purchase model, as a stored warning. */
export function fewRepeatBuyersData(
  s: WarningSubject,
  f: { repeat: number; customers: number; min: number; minShare: number },
): StoredClvWarning {
  return { ...s, code: 'fewRepeatBuyers', vars: { ...f } };
}

/** A group whose own fit failed, so the pooled fit stands in. */
export function groupFallbackData(s: WarningSubject): StoredClvWarning {
  return { ...s, code: 'groupFallback', vars: {} };
}

/** One warning per group whose held-out purchases are off by more than `check.warnAbove` (none with fewer than two groups). */
export function holdoutMissData(
  check: HoldoutCheck | null,
  model: string,
  column: string | null,
): StoredClvWarning[] {
  if (!check || check.groups.length < 2) return [];
  return check.groups.flatMap((g): StoredClvWarning[] => {
    if (g.error === null || !g.warn) return [];
    return [
      {
        about: 'group',
        model,
        column: column ?? '',
        group: g.name,
        code: 'holdoutMiss',
        vars: {
          expected: g.expected,
          weeks: check.weeks,
          actual: g.actual,
          error: g.error,
          limit: g.warnAbove,
          customers: g.customers,
        },
      },
    ];
  });
}
