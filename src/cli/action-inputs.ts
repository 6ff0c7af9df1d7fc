// action.yml's inputs (description and default) for the CLI's help. They are read from
// action.yml when bundling (scripts/build.mjs defines __ACTION_INPUTS__; vitest.config.ts does
// the same for tests), so the help always says what the action's own documentation says.
export interface InputDoc {
  readonly description: string;
  readonly default?: string;
}

/** JSON text of `{ name: InputDoc }`: a string define costs the bundle nothing until the help is read. */
declare const __ACTION_INPUTS__: string;

export const ACTION_INPUTS: Readonly<Record<string, InputDoc>> = JSON.parse(__ACTION_INPUTS__) as Readonly<Record<string, InputDoc>>;
