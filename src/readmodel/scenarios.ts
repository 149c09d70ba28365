/**
 * The workspace's initiatives (DIR/scenarios/*.yaml) run on the server with the scenario
 * library: each effect can be moved (its distribution shifted so its mean is the chosen
 * value, the spread kept), the draws and the seed are chosen, and the yearly cumulative cash
 * gets an uncertainty band from the same seeded draws (for the server, on its pool of worker
 * threads, and for the report). Initiative ids are matched against
 * the files found; a request never names a path.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isUserError, WorthError } from '../core/index.ts';
import { loadCostModel } from '../costing/index.ts';
import {
  checkActivities,
  describeDistribution,
  EFFECTS,
  EFFECT_UNITS,
  isUncertain,
  loadInitiative,
  meanEffects,
  meanOf,
  readBaseline,
  type Distribution,
  type EffectName,
  type GroupBaseline,
  type Initiative,
  computeScenario,
  type ScenarioJob,
  type ScenarioOutcome,
  type CashBand,
  type ScenarioResult,
} from '../scenario/index.ts';
import { localText, type Bilingual, type Lang, type LocalText } from '../words/index.ts';
import { loadWorkspace } from '../workspace/index.ts';
import { workspaceLacks } from './readErrors.ts';
import { notOnServerYet } from './serverReader.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

/** Folder of the initiatives inside a workspace. */
export const SCENARIOS_DIR = 'scenarios';
/** Lowest and highest value an effect can be set to (points or %). */
export const EFFECT_RANGE = { min: -100, max: 500 } as const;

/** One effect as the dashboard's slider shows it. */
export interface EffectControl {
  effect: EffectName;
  unit: string;
  basis: string;
  /** Where the number comes from, in both languages. */
  note: Bilingual;
  /** The distribution as written in the file, e.g. `triangular(0, 3, 6)`. */
  distribution: string;
  uncertain: boolean;
  /** The distribution's mean: the slider's starting value. */
  mean: number;
  /** Slider range and step (the effect's unit). */
  min: number;
  max: number;
  step: number;
}

/** An initiative found in DIR/scenarios/; `error` (and no effects) when its file does not parse. */
export interface InitiativeInfo {
  /** File name without `.yaml`: the id in `/api/scenarios/:id`. */
  id: string;
  file: string;
  /** The name in both languages (a plain name as written on both sides). */
  name: Bilingual;
  /** The description in both languages. */
  description: Bilingual;
  targets: string;
  horizonYears: number;
  effects: EffectControl[];
  error?: string;
}

/** A run: the library's result plus the effect values used and the band of cumulative cash. */
export interface ScenarioRun {
  id: string;
  /** The effect means the run used (the file's, or the values asked for). */
  effects: Partial<Record<EffectName, number>>;
  result: ScenarioResult;
  /** Empty when nothing is uncertain or no draws were run. */
  band: CashBand[];
}

/** What computes a run elsewhere (the server's pool of worker threads); absent, runs are computed in process. */
export interface ScenarioRunner {
  run(job: ScenarioJob): Promise<ScenarioOutcome>;
}

/** Run settings: draws, seed and effect means to set (absent: as in the file). */
export interface RunSettings {
  draws: number;
  seed: number;
  /** Language of the result's texts (initiative name, notes); default en. */
  lang?: Lang;
  effects: Partial<Record<EffectName, number>>;
}

/** A text as written, in both languages (a plain text is the same on both sides). */
function bothSides(t: LocalText): Bilingual {
  return { nl: localText(t, 'nl'), en: localText(t, 'en') };
}

function bounds(d: Distribution): [number, number] {
  if (typeof d === 'number') return [d, d];
  if ('uniform' in d) return [d.uniform.min, d.uniform.max];
  if ('triangular' in d) return [d.triangular.min, d.triangular.max];
  if ('normal' in d) return [d.normal.mean - 2 * d.normal.sd, d.normal.mean + 2 * d.normal.sd];
  return [Math.min(...d.list), Math.max(...d.list)];
}

/** The distribution moved by a constant so that its mean is `mean` (its spread and shape kept). */
export function shiftTo(d: Distribution, mean: number): Distribution {
  const delta = mean - meanOf(d);
  const r = (x: number) => Math.round((x + delta) * 1e9) / 1e9;
  if (typeof d === 'number') return mean;
  if ('uniform' in d) return { uniform: { min: r(d.uniform.min), max: r(d.uniform.max) } };
  if ('triangular' in d)
    return { triangular: { min: r(d.triangular.min), mode: r(d.triangular.mode), max: r(d.triangular.max) } };
  if ('normal' in d) return { normal: { mean, sd: d.normal.sd } };
  return { list: d.list.map(r) };
}

function control(name: EffectName, ini: Initiative): EffectControl {
  const e = ini.effects[name]!;
  const mean = meanOf(e.value);
  const [lo, hi] = bounds(e.value);
  const width = Math.max(hi - lo, Math.abs(mean), 1);
  const clamp = (x: number) => Math.min(EFFECT_RANGE.max, Math.max(EFFECT_RANGE.min, Math.round(x)));
  return {
    effect: name,
    unit: EFFECT_UNITS[name],
    basis: e.basis,
    note: bothSides(e.note),
    distribution: describeDistribution(e.value),
    uncertain: isUncertain(e.value),
    mean,
    min: clamp(Math.min(lo, mean - width)),
    max: clamp(Math.max(hi, mean + width)),
    step: 0.1,
  };
}

/** The workspace's initiatives and runs them; baselines are kept per initiative (the database cannot change while serving). */
export class ScenarioService {
  private readonly baselines = new Map<string, Promise<GroupBaseline>>();

  constructor(
    private readonly reader: WorkspaceReader,
    private readonly workspaceDir: string,
    /** Worker threads for the Monte Carlo (the server); absent: computed in process (the report, tests). */
    private readonly pool?: ScenarioRunner,
  ) {}

  private files(): { id: string; file: string }[] {
    const dir = path.join(this.workspaceDir, SCENARIOS_DIR);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => /\.ya?ml$/i.test(n))
      .map((n) => ({ id: n.replace(/\.ya?ml$/i, ''), file: path.join(dir, n) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Every initiative file in DIR/scenarios/, sorted by id. */
  list(): InitiativeInfo[] {
    return this.files().map(({ id, file }) => {
      try {
        const ini = loadInitiative(file);
        return {
          id,
          file: path.basename(file),
          name: bothSides(ini.name),
          description: bothSides(ini.description),
          targets: ini.targets,
          horizonYears: ini.horizon_years,
          effects: EFFECTS.filter((n) => ini.effects[n]).map((n) => control(n, ini)),
        };
      } catch (e) {
        if (!isUserError(e)) throw e;
        return {
          id,
          file: path.basename(file),
          name: bothSides(id),
          description: bothSides(''),
          targets: '',
          horizonYears: 0,
          effects: [],
          error: e.message,
        };
      }
    });
  }

  /** Runs initiative `id` with `settings`; a `not_found` WorthError for an unknown id, `input` for an effect the initiative does not have, `workspace` without `worth clv`. */
  async run(id: string, settings: RunSettings): Promise<ScenarioRun> {
    const found = this.files().find((f) => f.id === id);
    if (!found) {
      const ids = this.files().map((f) => f.id);
      throw new WorthError('not_found', {}, id, 'an initiative in scenarios/', undefined, {
        key: 'noInitiative',
        vars: {
          id: JSON.stringify(id),
          folder: SCENARIOS_DIR,
          found: ids.join(', ') || { key: 'noneFound' },
        },
      });
    }
    // The targeted customers' baseline reads their order lines (not brought from a server engine).
    if (this.reader.serverEngine) throw notOnServerYet('/api/scenarios/:id');
    const fileName = path.basename(found.file);
    const base = loadInitiative(found.file);
    const effects: Initiative['effects'] = { ...base.effects };
    for (const [name, mean] of Object.entries(settings.effects) as [EffectName, number][]) {
      const e = base.effects[name];
      if (!e)
        throw new WorthError('input', { path: name }, mean, `an effect of ${fileName}`, undefined, {
          key: 'noSuchEffect',
          vars: {
            name,
            value: { decimal: String(mean) },
            file: fileName,
            has: EFFECTS.filter((n) => base.effects[n]).join(', ') || { key: 'noneFound' },
          },
        });
      effects[name] = { ...e, value: shiftTo(e.value, mean) };
    }
    const ini: Initiative = { ...base, effects };
    // Read as `worth serve` reads it: a workspace whose results are on a ClickHouse server is served too.
    const ws = loadWorkspace(this.workspaceDir, 'serve');
    const discountRate = ws.config.cost_of_capital;
    const baseline = await this.baseline(found.id, ini, fileName);
    const job: ScenarioJob = {
      baseline,
      ini,
      discountRate,
      draws: settings.draws,
      seed: settings.seed,
      lang: settings.lang ?? 'en',
    };
    const { result, band } = this.pool ? await this.pool.run(job) : computeScenario(job);
    return { id: found.id, effects: meanEffects(ini), result, band };
  }

  private baseline(id: string, ini: Initiative, fileName: string): Promise<GroupBaseline> {
    const key = JSON.stringify([
      id,
      ini.targets,
      ini.horizon_years,
      ini.costs.activities,
      ini.costs.capacity_cuts,
    ]);
    const hit = this.baselines.get(key);
    if (hit) return hit;
    const p = this.reader.read(async (engine) => {
      for (const t of ['customer_clv', 'clv_fit']) {
        if (!(await engine.tableExists(t)))
          throw workspaceLacks(
            `the workspace has no lifetime values yet: run \`worth clv ${this.workspaceDir}\` (after \`worth analyze\`) before pricing initiatives`,
            { key: 'noValuesToPrice', vars: { dir: this.workspaceDir } },
          );
      }
      const model = loadCostModel(loadWorkspace(this.workspaceDir, 'serve'), engine.dialect);
      checkActivities(ini, model, fileName);
      return readBaseline(engine, model, ini.targets, ini.horizon_years, `${fileName} targets`);
    });
    this.baselines.set(key, p);
    p.catch(() => this.baselines.delete(key));
    return p;
  }
}
