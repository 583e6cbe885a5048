import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { CoreInternetGateway, CoreRouteTable, CoreSubnet, CoreVcn } from '../oci/network.ts'
import { CoreSecurityList } from '../oci/security-list.ts'
import { nodeSubnetCidr, subnetCidr, vcnCidr } from './addresses.ts'
import { mediaNodePorts, recorderPorts } from './ports.ts'
import { isCluster, rolePorts } from './roles.ts'
import { ingressRules } from './security-rules.ts'

const allOutbound = [{ protocol: 'all' as const, destination: '0.0.0.0/0', destination_type: 'CIDR_BLOCK' as const, description: 'all outbound' }]

// One VCN with the primary's public subnet and, with media nodes or recorders, a second public
// subnet for them with its own security list: each subnet opens only what its instances serve.
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
    ingress_security_rules: ingressRules(inputs.adminCidr, rolePorts('primary', isCluster(inputs))),
    egress_security_rules: allOutbound,
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
  if (!isCluster(inputs)) return { vcn, subnet, securityList }
  const nodeSecurityList = new CoreSecurityList(scope, 'node_security_list', {
    compartment_id,
    vcn_id: vcn.id,
    display_name: `${inputs.name}-nodes`,
    // Recorders open nothing; the list is the media nodes' (recorderPorts is empty).
    ingress_security_rules: ingressRules(inputs.adminCidr, [...(inputs.mediaNodes ? mediaNodePorts : []), ...recorderPorts]),
    egress_security_rules: allOutbound,
  })
  const nodeSubnet = new CoreSubnet(scope, 'node_subnet', {
    compartment_id,
    vcn_id: vcn.id,
    cidr_block: nodeSubnetCidr,
    route_table_id: routes.id,
    security_list_ids: [nodeSecurityList.id],
    prohibit_public_ip_on_vnic: false,
    display_name: `${inputs.name}-nodes`,
    dns_label: 'nodes',
  })
  return { vcn, subnet, securityList, nodeSubnet, nodeSecurityList }
}
