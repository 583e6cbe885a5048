// Reads `terraform show -json <plan>` on stdin and says, before anything is applied, which
// resources the plan would replace (destroy and create again) or destroy, as GitHub Actions
// warnings. Replacing the instance means minutes of downtime; the data volume and the bucket
// must never be replaced or destroyed, so those stop the deploy (exit 1).
import { text } from 'node:stream/consumers'

interface ResourceChange {
  address: string
  type: string
  change: { actions: string[] }
}

export interface Finding {
  address: string
  action: 'replace' | 'destroy'
  blocking: boolean
}

// Replacing these loses data.
const precious = new Set(['oci_core_volume', 'oci_objectstorage_bucket'])

export function findReplacements(plan: { resource_changes?: ResourceChange[] }): Finding[] {
  return (plan.resource_changes ?? []).flatMap(({ address, type, change }) => {
    const { actions } = change
    const action = actions.includes('delete') ? (actions.includes('create') ? 'replace' : 'destroy') : undefined
    return action ? [{ address, action, blocking: precious.has(type) } as Finding] : []
  })
}

export function describe(findings: Finding[]): string[] {
  return findings.map(({ address, action, blocking }) =>
    blocking
      ? `::error::The plan would ${action} ${address}, which holds data: not applied. Review it with terraform plan and apply by hand if that is really wanted.`
      : `::warning::The plan ${action === 'replace' ? 'replaces' : 'destroys'} ${address}${address.startsWith('oci_core_instance.') ? ' (the server: the site is down until the new one has booted; data stays on the data volume)' : ''}`,
  )
}

if (import.meta.main) {
  const findings = findReplacements(JSON.parse(await text(process.stdin)))
  for (const line of describe(findings)) console.log(line)
  if (!findings.length) console.log('The plan replaces and destroys nothing.')
  process.exitCode = findings.some((f) => f.blocking) ? 1 : 0
}
