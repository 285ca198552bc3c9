/**
 * The typed error of the eHealth authentication: a TokenError (so the hub
 * client and doctor handle it like any token failure) that also knows its
 * precise problem and can say, in the user's language, what is wrong and what
 * to do next. Its message is the English version of both.
 */
import { translator, type Lang } from '../../../lib/i18n/translate.ts';
import { TokenError } from '../token-provider.ts';
import { STS_PROBLEMS, type StsProblem, type StsProblemVars } from './sts-problems.ts';
import { ehealthStrings, type EhealthStringKey } from './strings.ts';

export interface StsProblemWords {
  problem: string;
  action: string;
}

export function describeStsProblem(problem: StsProblem, vars: StsProblemVars, lang: Lang): StsProblemWords {
  const t = translator(ehealthStrings, lang);
  const values: Record<string, string> = { ...(vars as Record<string, string>) };
  values.role = t(`role.${vars.role ?? 'both'}` as EhealthStringKey);
  return {
    problem: t(`problem.${problem}` as EhealthStringKey, values),
    action: t(`action.${problem}` as EhealthStringKey, values),
  };
}

export class StsError extends TokenError {
  constructor(
    readonly problem: StsProblem,
    readonly vars: Readonly<StsProblemVars> = {},
  ) {
    const words = describeStsProblem(problem, vars, 'en');
    super(STS_PROBLEMS[problem], `${words.problem}; next: ${words.action}`);
    this.name = 'StsError';
  }

  /** What is wrong and what to do, in `lang`. */
  describe(lang: Lang): StsProblemWords {
    return describeStsProblem(this.problem, this.vars, lang);
  }
}
