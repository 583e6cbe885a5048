import type { Inputs } from './schema.ts'

// Oracle's Always Free allowance for Ampere A1 at the time of writing; Oracle has changed it before.
// The allowance is per tenancy: every deployment synthesized together shares it.
const alwaysFree = { ocpus: 4, memoryInGbs: 24, blockStorageGbs: 200, volumeBackups: 5 }

const sum = (all: Inputs[], pick: (inputs: Inputs) => number) => all.reduce((total, inputs) => total + pick(inputs), 0)

// Inputs beyond the allowance are allowed (pay-as-you-go accounts) but said out loud.
export function freeTierWarnings(deployments: Inputs | Inputs[]): string[] {
  const all = Array.isArray(deployments) ? deployments : [deployments]
  const each = all.length > 1 ? ` (all ${all.length} deployments together)` : ''
  const warnings: string[] = []
  const ocpus = sum(all, (i) => i.ocpus)
  const memory = sum(all, (i) => i.memoryInGbs)
  const storage = sum(all, (i) => i.bootVolumeInGbs + i.dataVolumeInGbs)
  const backups = sum(all, (i) => i.volumeBackupWeeks)
  if (ocpus > alwaysFree.ocpus) warnings.push(`A1_OCPUS=${ocpus}${each} is more than the ${alwaysFree.ocpus} OCPUs of the Always Free allowance`)
  if (memory > alwaysFree.memoryInGbs) warnings.push(`A1_MEMORY_GB=${memory}${each} is more than the ${alwaysFree.memoryInGbs} GB of the Always Free allowance`)
  if (storage > alwaysFree.blockStorageGbs) warnings.push(`BOOT_VOLUME_GB + DATA_VOLUME_GB = ${storage} GB${each} is more than the ${alwaysFree.blockStorageGbs} GB of Always Free block storage`)
  if (backups > alwaysFree.volumeBackups) warnings.push(`VOLUME_BACKUP_WEEKS=${backups}${each} kept backups is more than the ${alwaysFree.volumeBackups} Always Free volume backups`)
  return warnings
}
