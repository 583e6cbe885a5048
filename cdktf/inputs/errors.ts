import { inputVariables, type InputName } from './variables.ts'

export interface InputProblem {
  name: InputName
  problem: string
}

// Names every bad input at once, with the variable to set, so a deploy is fixed in one pass.
export class InputError extends Error {
  readonly problems: InputProblem[]

  constructor(problems: InputProblem[], configFile: string) {
    const lines = problems.map(({ name, problem }) => {
      const { env, description, example } = inputVariables[name]
      return `  - ${env} (config key "${name}") ${problem}: ${description}. Example: ${env}=${example}`
    })
    super(`Cannot synthesize the Oracle Cloud deployment, ${problems.length} input(s) to fix (environment or ${configFile}):\n${lines.join('\n')}`)
    this.name = 'InputError'
    this.problems = problems
  }
}
