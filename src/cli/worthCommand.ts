/**
 * commander's `Command` whose refusals of a command line (an unknown command or option, a
 * missing argument or option value, too many arguments, `worth help nosuch`) are said in the
 * workspace's language (src/words `cli*` words), with a did-you-mean. commander builds these
 * messages in English in methods it marks private; this subclass gives the same sentences from
 * the words catalogue, so the English ones stay as commander wrote them. Sub-commands made by
 * `.command()` are of this class too (`createCommand`), with the same language.
 */
import { Command } from 'commander';
import { closest, distance } from 'fastest-levenshtein';
import { cliWord, type Lang } from '../words/index.ts';

/** Most edits between a typo and a suggestion (as commander's own suggestions). */
const MAX_EDITS = 3;

/** A commander option as these refusals use it. */
interface FlagsOf {
  flags: string;
}

/** ` (Did you mean x?)` for the candidate closest to `typed`, or '' when none is close. */
function suggestion(lang: Lang, typed: string, candidates: readonly string[]): string {
  const unique = [...new Set(candidates)].filter((c) => c !== typed);
  if (!unique.length) return '';
  const best = closest(typed, unique);
  const edits = distance(typed, best);
  const similar = (Math.max(typed.length, best.length) - edits) / Math.max(typed.length, best.length);
  return edits <= MAX_EDITS && similar > 0.4 ? cliWord(lang, 'cliDidYouMean', { name: best }) : '';
}

/** The `worth` program and its sub-commands, refusing a command line in `lang`. */
export class WorthCommand extends Command {
  /** The language the refusals are said in. */
  readonly lang: Lang;

  /** A command named `name` whose refusals speak `lang`. */
  constructor(name: string | undefined, lang: Lang) {
    super(name);
    this.lang = lang;
  }

  /** Sub-commands speak the program's language. */
  override createCommand(name?: string): Command {
    return new WorthCommand(name, this.lang);
  }

  /** The names of this command's visible sub-commands and their aliases. */
  private commandNames(): string[] {
    return this.createHelp()
      .visibleCommands(this)
      .flatMap((c) => [c.name(), ...c.aliases()]);
  }

  // The methods below replace commander's (private, untyped) refusals of the same names.

  /** An unknown sub-command (commander: `unknownCommand`). */
  unknownCommand(): never {
    const name = String(this.args[0] ?? '');
    const text = cliWord(this.lang, 'cliUnknownCommand', { name });
    return this.error(`error: ${text}${suggestion(this.lang, name, this.commandNames())}`, {
      code: 'commander.unknownCommand',
    });
  }

  /**
   * Mandatory options (commander: `_checkForMissingMandatoryOptions`), after any unknown option:
   * commander refused `worth export DIR --tabel customer_pnl` for its missing `--out` and said
   * nothing of the typo until `--out` was added. `args` holds the operands, then what the parser
   * did not know, starting with the unknown option; the action's operands never start with `-`.
   */
  _checkForMissingMandatoryOptions(): void {
    const self = this as unknown as { _actionHandler: unknown };
    const flag = self._actionHandler ? this.args.find((a) => a.length > 1 && a.startsWith('-')) : undefined;
    if (flag !== undefined) this.unknownOption(flag);
    (
      Command.prototype as unknown as { _checkForMissingMandatoryOptions(): void }
    )._checkForMissingMandatoryOptions.call(this);
  }

  /** An unknown option (commander: `unknownOption`); a long option gets a did-you-mean from this command's and its parents' options. */
  unknownOption(flag: string): void {
    const candidates: string[] = [];
    const add = (c: Command) => {
      for (const o of c.createHelp().visibleOptions(c)) if (o.long) candidates.push(o.long);
      if (c.parent) add(c.parent);
    };
    add(this);
    const hint = flag.startsWith('--') ? suggestion(this.lang, flag, candidates) : '';
    this.error(`error: ${cliWord(this.lang, 'cliUnknownOption', { flag })}${hint}`, {
      code: 'commander.unknownOption',
    });
  }

  /** A required argument not given (commander: `missingArgument`). */
  missingArgument(name: string): void {
    this.error(`error: ${cliWord(this.lang, 'cliMissingArgument', { name })}`, {
      code: 'commander.missingArgument',
    });
  }

  /** An option given without its value (commander: `optionMissingArgument`). */
  optionMissingArgument(option: FlagsOf): void {
    this.error(`error: ${cliWord(this.lang, 'cliOptionMissingValue', { flags: option.flags })}`, {
      code: 'commander.optionMissingArgument',
    });
  }

  /** A mandatory option not given (commander: `missingMandatoryOptionValue`). */
  missingMandatoryOptionValue(option: FlagsOf): void {
    this.error(`error: ${cliWord(this.lang, 'cliMandatoryOption', { flags: option.flags })}`, {
      code: 'commander.missingMandatoryOptionValue',
    });
  }

  /** More arguments than the command takes (commander: `_excessArguments`). */
  _excessArguments(received: readonly string[]): void {
    const expected = this.registeredArguments.length;
    const text = cliWord(this.lang, 'cliTooManyArguments', {
      command: this.parent ? cliWord(this.lang, 'cliTooManyFor', { name: this.name() }) : '',
      expected: cliWord(this.lang, 'cliArguments', { n: String(expected) }),
      got: String(received.length),
    });
    this.error(`error: ${text}`, { code: 'commander.excessArguments' });
  }

  /** `worth help NAME` (commander: `_dispatchHelpCommand`): a name that is no command is said so, with a did-you-mean, not answered with the program's help. */
  _dispatchHelpCommand(name?: string): unknown {
    if (name !== undefined && !this.commands.some((c) => c.name() === name || c.aliases().includes(name))) {
      const text = cliWord(this.lang, 'cliNoHelpFor', { name });
      return this.error(`error: ${text}${suggestion(this.lang, name, this.commandNames())}`, {
        code: 'commander.unknownCommand',
      });
    }
    return (
      Command.prototype as unknown as { _dispatchHelpCommand(n?: string): unknown }
    )._dispatchHelpCommand.call(this, name);
  }
}
