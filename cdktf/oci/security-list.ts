import type { Construct } from 'constructs'
import { OciResource } from './element.ts'

interface PortRange {
  min: number
  max: number
}

// Protocol numbers as the OCI API wants them: "6" TCP, "17" UDP, "1" ICMP, "all".
export interface IngressSecurityRule {
  protocol: '6' | '17' | '1'
  source: string
  source_type: 'CIDR_BLOCK'
  stateless?: boolean
  description?: string
  tcp_options?: PortRange
  udp_options?: PortRange
  icmp_options?: { type: number; code?: number }
}

interface EgressSecurityRule {
  protocol: 'all' | '6' | '17' | '1'
  destination: string
  destination_type: 'CIDR_BLOCK'
  stateless?: boolean
  description?: string
}

export interface CoreSecurityListConfig {
  compartment_id: string
  vcn_id: string
  ingress_security_rules: IngressSecurityRule[]
  egress_security_rules: EgressSecurityRule[]
  display_name?: string
  freeform_tags?: Record<string, string>
}

export class CoreSecurityList extends OciResource<CoreSecurityListConfig> {
  constructor(scope: Construct, id: string, config: CoreSecurityListConfig) {
    super(scope, id, 'oci_core_security_list', config)
  }
}
