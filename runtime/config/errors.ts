import { variables, type VariableName } from './variables.ts'

export interface ConfigProblem {
  name: VariableName
  problem: string
}

// One error that names every bad variable at once, so a deploy is fixed in one pass.
export class ConfigError extends Error {
  readonly problems: ConfigProblem[]

  constructor(problems: ConfigProblem[]) {
    const lines = problems.map(({ name, problem }) => {
      const { description, example } = variables[name]
      return `  - ${name} ${problem}: ${description}. Example: ${name}=${example}`
    })
    super(`Invalid configuration, ${problems.length} variable(s) to fix (see .env.example):\n${lines.join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}
