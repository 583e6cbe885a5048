export { healthReport, type HealthReport } from './report.ts'
export { probe, type Check } from './probe.ts'
