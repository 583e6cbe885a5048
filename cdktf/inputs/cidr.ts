// IPv4 CIDR such as 203.0.113.7/32: four octets 0-255 without leading zeros, prefix 0-32.
const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const cidrPattern = new RegExp(`^${octet}(\\.${octet}){3}/(3[0-2]|[12]?\\d)$`)

export function isIpv4Cidr(value: string): boolean {
  return cidrPattern.test(value)
}

export function cidrPrefix(value: string): number {
  return Number(value.split('/')[1])
}
