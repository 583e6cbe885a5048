// Metric names the dashboard and alerts may read besides the runtime's own (which the tests
// take from its registry). LiveKit's are checked against a real livekit-server by
// tests/integration/ops/metrics.test.ts; the exporters' are their documented, stable names.
export const livekitMetricNames = ['livekit_room_total', 'livekit_participant_total', 'process_cpu_seconds_total', 'process_resident_memory_bytes']

export const exporterMetricNames = [
  // node-exporter (filesystem collector)
  'node_filesystem_avail_bytes',
  'node_filesystem_size_bytes',
  // cAdvisor
  'container_cpu_usage_seconds_total',
  'container_memory_working_set_bytes',
  // blackbox-exporter (http prober over TLS)
  'probe_ssl_earliest_cert_expiry',
]
