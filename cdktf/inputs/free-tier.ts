import type { Inputs } from './schema.ts'

// Oracle's Always Free allowance for Ampere A1 at the time of writing; Oracle has changed it before.
export const alwaysFree = { ocpus: 4, memoryInGbs: 24, blockStorageGbs: 200 }

// Inputs beyond the allowance are allowed (pay-as-you-go accounts) but said out loud.
export function freeTierWarnings(inputs: Inputs): string[] {
  const warnings: string[] = []
  if (inputs.ocpus > alwaysFree.ocpus) warnings.push(`A1_OCPUS=${inputs.ocpus} is more than the ${alwaysFree.ocpus} OCPUs of the Always Free allowance`)
  if (inputs.memoryInGbs > alwaysFree.memoryInGbs) warnings.push(`A1_MEMORY_GB=${inputs.memoryInGbs} is more than the ${alwaysFree.memoryInGbs} GB of the Always Free allowance`)
  if (inputs.bootVolumeInGbs > alwaysFree.blockStorageGbs) warnings.push(`BOOT_VOLUME_GB=${inputs.bootVolumeInGbs} is more than the ${alwaysFree.blockStorageGbs} GB of Always Free block storage`)
  return warnings
}
