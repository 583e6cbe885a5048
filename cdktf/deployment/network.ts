import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { CoreInternetGateway, CoreRouteTable, CoreSubnet, CoreVcn } from '../oci/network.ts'
import { CoreSecurityList } from '../oci/security-list.ts'
import { ingressRules } from './security-rules.ts'

const vcnCidr = '10.0.0.0/16'
const subnetCidr = '10.0.1.0/24'

// One VCN with one public subnet: the instance is the only thing in it.
export function createNetwork(scope: Construct, inputs: Inputs) {
  const compartment_id = inputs.compartmentOcid
  const vcn = new CoreVcn(scope, 'vcn', { compartment_id, cidr_blocks: [vcnCidr], display_name: `${inputs.name}-vcn`, dns_label: inputs.name })
  const gateway = new CoreInternetGateway(scope, 'internet_gateway', { compartment_id, vcn_id: vcn.id, enabled: true, display_name: `${inputs.name}-igw` })
  const routes = new CoreRouteTable(scope, 'route_table', {
    compartment_id,
    vcn_id: vcn.id,
    display_name: `${inputs.name}-public-routes`,
    route_rules: [{ network_entity_id: gateway.id, destination: '0.0.0.0/0', destination_type: 'CIDR_BLOCK', description: 'internet' }],
  })
  const securityList = new CoreSecurityList(scope, 'security_list', {
    compartment_id,
    vcn_id: vcn.id,
    display_name: `${inputs.name}-public`,
    ingress_security_rules: ingressRules(inputs.adminCidr),
    egress_security_rules: [{ protocol: 'all', destination: '0.0.0.0/0', destination_type: 'CIDR_BLOCK', description: 'all outbound' }],
  })
  const subnet = new CoreSubnet(scope, 'subnet', {
    compartment_id,
    vcn_id: vcn.id,
    cidr_block: subnetCidr,
    route_table_id: routes.id,
    security_list_ids: [securityList.id],
    prohibit_public_ip_on_vnic: false,
    display_name: `${inputs.name}-public`,
    dns_label: 'public',
  })
  return { vcn, subnet, securityList }
}
