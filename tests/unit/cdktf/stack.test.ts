import { Testing } from 'cdktf'
import { describe, expect, test } from 'vitest'
import { instanceOf, synthWith } from './support/synth.ts'

describe('synthesized Oracle Cloud stack', () => {
  const { json, tf } = synthWith()

  test('declares the OCI provider from oracle/oci with a version constraint, signing with the ~/.oci/config profile', () => {
    expect(tf.terraform.required_providers.oci).toEqual({ source: 'oracle/oci', version: '~> 8.28' })
    expect(Testing.toHaveProviderWithProperties(json, 'oci', { region: 'eu-frankfurt-1', config_file_profile: 'DEFAULT' })).toBe(true)
  })

  test('builds a VCN with an internet gateway, a default route to it and a public subnet using the security list', () => {
    expect(
      Testing.toHaveResourceWithProperties(json, 'oci_core_vcn', { compartment_id: 'ocid1.compartment.oc1..aaaacompartment', cidr_blocks: ['10.0.0.0/16'] }),
    ).toBe(true)
    expect(Testing.toHaveResourceWithProperties(json, 'oci_core_internet_gateway', { vcn_id: '${oci_core_vcn.vcn.id}', enabled: true })).toBe(true)
    expect(
      Testing.toHaveResourceWithProperties(json, 'oci_core_route_table', {
        route_rules: [
          {
            destination: '0.0.0.0/0',
            destination_type: 'CIDR_BLOCK',
            network_entity_id: '${oci_core_internet_gateway.internet_gateway.id}',
            description: 'internet',
          },
        ],
      }),
    ).toBe(true)
    expect(
      Testing.toHaveResourceWithProperties(json, 'oci_core_subnet', {
        cidr_block: '10.0.1.0/24',
        prohibit_public_ip_on_vnic: false,
        route_table_id: '${oci_core_route_table.route_table.id}',
        security_list_ids: ['${oci_core_security_list.security_list.id}'],
      }),
    ).toBe(true)
  })

  test('launches one VM.Standard.A1.Flex with the default Always Free size, the newest Ubuntu for the shape and the SSH key', () => {
    const instance = instanceOf(tf)
    expect(instance.shape).toBe('VM.Standard.A1.Flex')
    expect(instance.shape_config).toEqual({ ocpus: 4, memory_in_gbs: 24 })
    expect(instance.source_details).toEqual({
      source_type: 'image',
      source_id: '${data.oci_core_images.ubuntu_image.images[0].id}',
      boot_volume_size_in_gbs: '100',
    })
    expect(instance.availability_domain).toBe('${data.oci_identity_availability_domains.availability_domains.availability_domains[0].name}')
    expect(instance.create_vnic_details).toMatchObject({ subnet_id: '${oci_core_subnet.subnet.id}', assign_public_ip: 'true' })
    expect(instance.metadata.ssh_authorized_keys).toBe('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey admin@laptop')
    expect(
      Testing.toHaveDataSourceWithProperties(json, 'oci_core_images', {
        operating_system: 'Canonical Ubuntu',
        operating_system_version: '24.04',
        shape: 'VM.Standard.A1.Flex',
        sort_by: 'TIMECREATED',
        sort_order: 'DESC',
      }),
    ).toBe(true)
    expect(Testing.toHaveDataSourceWithProperties(json, 'oci_identity_availability_domains', { compartment_id: 'ocid1.tenancy.oc1..aaaatenancy' })).toBe(true)
  })

  test('takes OCPUs, memory, boot volume, Ubuntu version and availability domain from the inputs', () => {
    const byNumber = instanceOf(synthWith({ A1_OCPUS: '2', A1_MEMORY_GB: '12', BOOT_VOLUME_GB: '150', AVAILABILITY_DOMAIN: '3', UBUNTU_VERSION: '22.04' }).tf)
    expect(byNumber.shape_config).toEqual({ ocpus: 2, memory_in_gbs: 12 })
    expect(byNumber.source_details.boot_volume_size_in_gbs).toBe('150')
    expect(byNumber.availability_domain).toContain('availability_domains[2].name')
    const byName = synthWith({ AVAILABILITY_DOMAIN: 'Uocm:EU-FRANKFURT-1-AD-2', UBUNTU_VERSION: '22.04' })
    expect(instanceOf(byName.tf).availability_domain).toBe('Uocm:EU-FRANKFURT-1-AD-2')
    expect(byName.tf.data.oci_identity_availability_domains).toBeUndefined()
    expect(byName.tf.data.oci_core_images.ubuntu_image).toMatchObject({
      operating_system_version: '22.04',
      filter: [{ name: 'display_name', values: ['^Canonical-Ubuntu-22\\.04-aarch64-'], regex: true }],
    })
  })

  test('a newer image or new boot files do not replace a running instance', () => {
    expect(instanceOf(tf).lifecycle.ignore_changes).toEqual(['source_details[0].source_id', 'metadata["user_data"]', 'metadata["ssh_authorized_keys"]'])
  })

  test('without a reserved IP the instance keeps its ephemeral one; with it, the reserved IP goes to its primary private IP', () => {
    expect(tf.resource.oci_core_public_ip).toBeUndefined()
    expect(tf.output.public_ip.value).toBe('${oci_core_instance.server.public_ip}')
    const reserved = synthWith({ RESERVED_PUBLIC_IP: 'true' }).tf
    expect(instanceOf(reserved).create_vnic_details.assign_public_ip).toBe('false')
    expect(reserved.data.oci_core_private_ips.server_private_ip).toEqual({
      ip_address: '${oci_core_instance.server.private_ip}',
      subnet_id: '${oci_core_subnet.subnet.id}',
    })
    expect(reserved.resource.oci_core_public_ip.reserved_ip).toMatchObject({
      lifetime: 'RESERVED',
      private_ip_id: '${data.oci_core_private_ips.server_private_ip.private_ips[0].id}',
    })
    expect(reserved.output.public_ip.value).toBe('${oci_core_public_ip.reserved_ip.ip_address}')
    expect(reserved.output.ssh_command.value).toBe('ssh ubuntu@${oci_core_public_ip.reserved_ip.ip_address}')
  })

  test('a private bucket in the tenancy namespace, versioned on request, and a Customer Secret Key for the S3 API', () => {
    expect(Testing.toHaveDataSourceWithProperties(json, 'oci_objectstorage_namespace', { compartment_id: 'ocid1.tenancy.oc1..aaaatenancy' })).toBe(true)
    expect(
      Testing.toHaveResourceWithProperties(json, 'oci_objectstorage_bucket', {
        compartment_id: 'ocid1.compartment.oc1..aaaacompartment',
        namespace: '${data.oci_objectstorage_namespace.namespace.namespace}',
        name: 'meet-recordings',
        access_type: 'NoPublicAccess',
        versioning: 'Disabled',
      }),
    ).toBe(true)
    expect(synthWith({ BUCKET_VERSIONING: 'true', BUCKET_NAME: 'team-recordings' }).tf.resource.oci_objectstorage_bucket.recordings).toMatchObject({
      versioning: 'Enabled',
      name: 'team-recordings',
    })
    expect(Testing.toHaveResourceWithProperties(json, 'oci_identity_customer_secret_key', { user_id: 'ocid1.user.oc1..aaaauser' })).toBe(true)
  })

  test("the S3 key, secret and Oracle's path-style endpoint reach the instance; the secret only as a sensitive value", () => {
    const { metadata } = instanceOf(tf)
    const endpoint = 'https://${data.oci_objectstorage_namespace.namespace.namespace}.compat.objectstorage.eu-frankfurt-1.oraclecloud.com'
    expect(metadata.meet_s3_endpoint).toBe(endpoint)
    expect(metadata.meet_s3_access_key).toBe('${oci_identity_customer_secret_key.s3_key.id}')
    expect(metadata.meet_s3_secret_key).toBe('${sensitive(oci_identity_customer_secret_key.s3_key.key)}')
    expect(tf.output.s3_endpoint.value).toBe(endpoint)
  })

  test('outputs the public IP, site URL, SSH command and bucket name; secrets only as sensitive outputs', () => {
    expect(tf.output.site_url.value).toBe('https://meet.example.com')
    expect(tf.output.ssh_command.value).toBe('ssh ubuntu@${oci_core_instance.server.public_ip}')
    expect(tf.output.bucket_name.value).toBe('${oci_objectstorage_bucket.recordings.name}')
    const secretReference = /customer_secret_key\.[a-z0-9_]+\.(key|id)/
    for (const [name, output] of Object.entries(tf.output)) {
      if (secretReference.test(output.value)) expect(output.sensitive, `output ${name}`).toBe(true)
      else expect(output.sensitive, `output ${name}`).toBeUndefined()
    }
    expect(
      Object.keys(tf.output)
        .filter((name) => tf.output[name].sensitive)
        .sort(),
    ).toEqual(['s3_access_key', 's3_secret_key'])
  })
})
