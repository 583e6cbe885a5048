import type { Inputs } from './schema.ts'

// Oracle's Always Free allowance for block storage, backups and Object Storage at the time of
// writing. The A1 OCPU and memory allowance is an input (FREE_A1_OCPUS, FREE_A1_MEMORY_GB): Oracle
// has changed it before, and was reported to change it again in 2026.
export const alwaysFree = { blockStorageGbs: 200, volumeBackups: 5, objectStorageGbs: 20 }

const isA1 = (shape: string) => shape === 'VM.Standard.A1.Flex'
const sum = (all: Inputs[], pick: (inputs: Inputs) => number) => all.reduce((total, inputs) => total + pick(inputs), 0)
const extras = (i: Inputs, pick: (size: { shape: string; ocpus: number; memory: number }) => number) =>
  i.mediaNodes * pick({ shape: i.mediaNodeShape, ocpus: i.mediaNodeOcpus, memory: i.mediaNodeMemoryInGbs }) +
  i.recorders * pick({ shape: i.recorderShape, ocpus: i.recorderOcpus, memory: i.recorderMemoryInGbs })

// Totals over every instance: the primary, the media nodes and the recorders.
function usage(i: Inputs) {
  return {
    a1Ocpus: i.ocpus + extras(i, ({ shape, ocpus }) => (isA1(shape) ? ocpus : 0)),
    a1MemoryInGbs: i.memoryInGbs + extras(i, ({ shape, memory }) => (isA1(shape) ? memory : 0)),
    otherShapes: extras(i, ({ shape }) => (isA1(shape) ? 0 : 1)),
    blockStorageGbs: i.bootVolumeInGbs + i.dataVolumeInGbs + (i.mediaNodes + i.recorders) * i.nodeBootVolumeInGbs,
  }
}

// Inputs beyond the allowance are allowed (pay-as-you-go accounts) but said out loud.
export function freeTierWarnings(deployments: Inputs | Inputs[]): string[] {
  const all = Array.isArray(deployments) ? deployments : [deployments]
  const each = all.length > 1 ? ` (all ${all.length} deployments together)` : ''
  const allowance = all[0]
  const warnings: string[] = []
  const ocpus = sum(all, (i) => usage(i).a1Ocpus)
  const memory = sum(all, (i) => usage(i).a1MemoryInGbs)
  const storage = sum(all, (i) => usage(i).blockStorageGbs)
  const otherShapes = sum(all, (i) => usage(i).otherShapes)
  const backups = sum(all, (i) => i.volumeBackupWeeks)
  const cluster = all.some((i) => i.mediaNodes + i.recorders > 0)
  // Without media nodes or recorders each total is one input, and the message names it.
  const ocpuTotal = cluster ? `A1 OCPUs of the primary, media nodes and recorders add up to ${ocpus}${each}, which` : `A1_OCPUS=${ocpus}${each}`
  const memoryTotal = cluster ? `A1 memory of the primary, media nodes and recorders adds up to ${memory} GB${each}, which` : `A1_MEMORY_GB=${memory}${each}`
  const storageTotal = cluster
    ? `boot and data volumes of every instance add up to ${storage} GB${each}, which`
    : `BOOT_VOLUME_GB + DATA_VOLUME_GB = ${storage} GB${each}`
  if (ocpus > allowance.freeOcpus) warnings.push(`${ocpuTotal} is more than the ${allowance.freeOcpus} OCPUs of the Always Free allowance`)
  if (memory > allowance.freeMemoryInGbs) warnings.push(`${memoryTotal} is more than the ${allowance.freeMemoryInGbs} GB of the Always Free allowance`)
  if (otherShapes > 0)
    warnings.push(`${otherShapes} instance(s)${each} use a shape other than VM.Standard.A1.Flex, which the Always Free allowance does not cover`)
  if (storage > alwaysFree.blockStorageGbs) warnings.push(`${storageTotal} is more than the ${alwaysFree.blockStorageGbs} GB of Always Free block storage`)
  if (backups > alwaysFree.volumeBackups)
    warnings.push(`VOLUME_BACKUP_WEEKS=${backups}${each} kept backups is more than the ${alwaysFree.volumeBackups} Always Free volume backups`)
  return warnings
}
