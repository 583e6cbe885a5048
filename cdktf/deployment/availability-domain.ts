import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { DataIdentityAvailabilityDomains } from '../oci/lookups.ts'

// AVAILABILITY_DOMAIN may be a full name, or 1-3 for the region's first, second, third.
export function availabilityDomain(scope: Construct, inputs: Inputs): string {
  const chosen = inputs.availabilityDomain
  if (chosen && !/^[1-3]$/.test(chosen)) return chosen
  const domains = new DataIdentityAvailabilityDomains(scope, 'availability_domains', { compartment_id: inputs.tenancyOcid })
  return domains.nameAt(chosen ? Number(chosen) - 1 : 0)
}
