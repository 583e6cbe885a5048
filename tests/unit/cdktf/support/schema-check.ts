// Checks a Terraform JSON body against the provider schema subset: every key is a known
// attribute or writable block, every required one is set, and values have the schema's type.

export interface BlockSchema {
  required: string[]
  optional: string[]
  computed: string[]
  blocks?: Record<string, BlockSchema & { mode: string; min_items?: number }>
  attribute_types?: Record<string, string>
}

// Terraform's own meta-arguments and cdktf's "//" metadata are not provider attributes.
const metaArguments = new Set(['//', 'lifecycle', 'depends_on', 'count', 'for_each', 'provider', 'provisioner', 'connection'])
const isReference = (value: unknown) => typeof value === 'string' && /^\$\{.*\}$/s.test(value)
const names = (list: string[]) => list.map((entry) => entry.split(' ')[0])

function typeProblem(type: string | undefined, value: unknown): string | undefined {
  if (!type || isReference(value)) return undefined
  const expected = type.startsWith('TypeString')
    ? 'string'
    : type === 'TypeInt' || type === 'TypeFloat'
      ? 'number'
      : type === 'TypeBool'
        ? 'boolean'
        : type.startsWith('TypeList') || type.startsWith('TypeSet')
          ? 'array'
          : type.startsWith('TypeMap')
            ? 'object'
            : undefined
  const actual = Array.isArray(value) ? 'array' : typeof value
  return expected && actual !== expected ? `is ${actual}, schema says ${type}` : undefined
}

export function checkBlock(body: Record<string, unknown>, schema: BlockSchema, path: string): string[] {
  const attributes = new Set([...names(schema.required), ...names(schema.optional)])
  const blocks = Object.fromEntries(Object.entries(schema.blocks ?? {}).filter(([, block]) => block.mode !== 'computed'))
  const problems: string[] = []
  for (const [key, value] of Object.entries(body)) {
    if (metaArguments.has(key)) continue
    if (attributes.has(key)) {
      const problem = typeProblem(schema.attribute_types?.[key], value)
      if (problem) problems.push(`${path}.${key} ${problem}`)
    } else if (key in blocks) {
      const items = Array.isArray(value) ? value : [value]
      items.forEach((item, index) => problems.push(...checkBlock(item as Record<string, unknown>, blocks[key], `${path}.${key}[${index}]`)))
    } else problems.push(`${path}.${key} is not in the provider schema`)
  }
  for (const key of names(schema.required)) if (!(key in body)) problems.push(`${path}.${key} is required but not set`)
  for (const [key, block] of Object.entries(blocks))
    if (block.mode === 'required' && !(key in body)) problems.push(`${path}.${key} block is required but not set`)
  return problems
}
